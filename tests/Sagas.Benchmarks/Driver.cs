using System.Diagnostics;
using Sagas.Contracts;

namespace Sagas.Benchmarks;

/// <summary>When each transfer of a batch was published; terminal times come from the saga rows.</summary>
public sealed record BatchRun(IReadOnlyDictionary<Guid, DateTime> PublishedAt, DateTime FirstPublish, TimeSpan PublishDuration);

public static class Driver
{
    /// <summary>
    /// Publishes the batch with at most <paramref name="inFlight"/> publishes outstanding, then waits
    /// until every saga so far (<paramref name="terminalBefore"/> plus this batch) is terminal.
    /// </summary>
    public static async Task<BatchRun> RunAsync(InProcessOrchestrator orchestrator, IReadOnlyList<StartTransfer> transfers,
        int inFlight, int terminalBefore, CancellationToken cancellationToken)
    {
        var publishedAt = new DateTime[transfers.Count];
        var timer = Stopwatch.StartNew();
        var firstPublish = DateTime.UtcNow;

        await Parallel.ForEachAsync(Enumerable.Range(0, transfers.Count),
            new ParallelOptions { MaxDegreeOfParallelism = inFlight, CancellationToken = cancellationToken },
            async (i, token) =>
            {
                publishedAt[i] = DateTime.UtcNow;
                await orchestrator.Bus.Publish(transfers[i], token);
            });
        var publishDuration = timer.Elapsed;

        await WaitForTerminalAsync(orchestrator, terminalBefore + transfers.Count, cancellationToken);
        return new BatchRun(transfers.Select((t, i) => (t.TransferId, publishedAt[i])).ToDictionary(), firstPublish, publishDuration);
    }

    static async Task WaitForTerminalAsync(InProcessOrchestrator orchestrator, int expected, CancellationToken cancellationToken)
    {
        var timeout = TimeSpan.FromSeconds(120 + expected / 20);
        var timer = Stopwatch.StartNew();
        while (true)
        {
            // Polling only decides when to stop waiting; latencies come from completed_at, so its interval does not matter.
            var terminal = await orchestrator.TerminalCountAsync(cancellationToken);
            if (terminal >= expected)
                return;

            if (timer.Elapsed > timeout)
            {
                var states = (await orchestrator.TransfersAsync()).GroupBy(t => t.CurrentState).Select(g => $"{g.Key} {g.Count()}");
                throw new TimeoutException($"{terminal}/{expected} transfers terminal after {timeout}; states: {string.Join(", ", states)}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
