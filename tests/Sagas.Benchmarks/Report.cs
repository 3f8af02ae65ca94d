using Sagas.Orchestrator.Workflows.Transfers;

namespace Sagas.Benchmarks;

/// <summary>The measured batch's throughput, latency and outcomes.</summary>
public static class Report
{
    /// <summary>
    /// Latency ends at the saga row's completed_at: the state machine stamps it on entering a
    /// terminal state, with this process's clock, so it neither waits for the outcome event's
    /// outbox delivery nor adds a subscriber that would compete for the endpoint's CPU.
    /// </summary>
    public static void PrintFigures(BatchRun run, IReadOnlyList<TransferState> sagas)
    {
        var measured = sagas.Where(s => run.PublishedAt.ContainsKey(s.CorrelationId) && s.CompletedAt is not null).ToList();
        var latencies = measured.Select(s => (s.CompletedAt!.Value - run.PublishedAt[s.CorrelationId]).TotalMilliseconds).Order().ToArray();
        var elapsed = (measured.Max(s => s.CompletedAt!.Value) - run.FirstPublish).TotalSeconds;
        var count = run.PublishedAt.Count;

        var pacing = run.Pacing is { } p ? $" at {p.Rate}/s, at most {p.MaxBehind.TotalMilliseconds:0} ms behind schedule" : "";
        Console.WriteLine($"published   {count} StartTransfer in {run.PublishDuration.TotalSeconds:0.00} s{pacing}");
        Console.WriteLine($"throughput  {measured.Count / elapsed:0.0} sagas/s ({measured.Count} sagas, first publish to last completed_at {elapsed:0.00} s)");
        Console.WriteLine($"latency     p50 {Percentile(latencies, 0.50):0} ms, p95 {Percentile(latencies, 0.95):0} ms, " +
                          $"p99 {Percentile(latencies, 0.99):0} ms, max {latencies[^1]:0} ms (publish to completed_at)");
        Console.WriteLine($"outcomes    {string.Join(", ", measured.GroupBy(s => s.CurrentState).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}"))}");
    }

    /// <summary>Nearest rank: the smallest latency that at least <paramref name="q"/> of the sagas did not exceed.</summary>
    static double Percentile(double[] sorted, double q) => sorted[Math.Max(0, (int)Math.Ceiling(q * sorted.Length) - 1)];
}
