using System.Diagnostics;
using Sagas.Contracts;

namespace Sagas.Benchmarks;

/// <summary>When each transfer of a batch was published; terminal times come from the saga rows.</summary>
public sealed record BatchRun(IReadOnlyDictionary<Guid, DateTime> PublishedAt, DateTime FirstPublish, TimeSpan PublishDuration,
    Pacing? Pacing = null);

/// <summary>An open-loop batch: its target rate and how late the latest publish went out against its slot.</summary>
public sealed record Pacing(int Rate, TimeSpan MaxBehind);

/// <summary>Publishes the measured StartTransfer messages, as a burst or at a fixed rate, and waits until they are terminal.</summary>
public static class Driver
{
    /// <summary>
    /// Publishes the batch with at most <paramref name="inFlight"/> publishes outstanding, then waits
    /// until every saga so far (<paramref name="terminalBefore"/> plus this batch) is terminal.
    /// </summary>
    public static async Task<BatchRun> RunAsync(InProcessOrchestrator orchestrator, IReadOnlyList<StartTransfer> transfers,
        int inFlight, int terminalBefore, CancellationToken cancellationToken)
    {
        var run = await PublishAsync(orchestrator, transfers, inFlight, cancellationToken);
        await WaitForTerminalAsync(orchestrator, terminalBefore + transfers.Count, cancellationToken);
        return run;
    }

    /// <summary>Publishes the batch with at most <paramref name="inFlight"/> publishes outstanding, without waiting for the sagas.</summary>
    public static async Task<BatchRun> PublishAsync(InProcessOrchestrator orchestrator, IReadOnlyList<StartTransfer> transfers,
        int inFlight, CancellationToken cancellationToken)
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
        return new BatchRun(transfers.Select((t, i) => (t.TransferId, publishedAt[i])).ToDictionary(), firstPublish, publishDuration);
    }

    /// <summary>
    /// Open loop: transfer i goes out i / <paramref name="rate"/> seconds after the first, by the wall clock,
    /// whether or not earlier ones have completed, so a slow system meets the same arrivals instead of
    /// slowing them down. A publish that falls behind its slot goes out at once, not skipped, and the
    /// largest delay is reported. Then waits as <see cref="RunAsync"/> does.
    /// </summary>
    public static async Task<BatchRun> RunAtRateAsync(InProcessOrchestrator orchestrator, IReadOnlyList<StartTransfer> transfers,
        int rate, int terminalBefore, CancellationToken cancellationToken)
    {
        var publishedAt = new DateTime[transfers.Count];
        var publishes = new Task[transfers.Count];
        var maxBehind = TimeSpan.Zero;
        var firstPublish = DateTime.UtcNow;
        var timer = Stopwatch.StartNew();
        for (var i = 0; i < transfers.Count; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / rate);
            var early = due - timer.Elapsed;
            // Task.Delay truncates to whole milliseconds; rounding up keeps a publish from leaving before its slot.
            if (early > TimeSpan.Zero)
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(early.TotalMilliseconds)), cancellationToken);

            var behind = timer.Elapsed - due;
            maxBehind = behind > maxBehind ? behind : maxBehind;
            publishedAt[i] = DateTime.UtcNow;
            // Not awaited here: waiting for the broker's confirm would let a slow broker pace the arrivals.
            publishes[i] = orchestrator.Bus.Publish(transfers[i], cancellationToken);
        }

        await Task.WhenAll(publishes);
        var publishDuration = timer.Elapsed;

        await WaitForTerminalAsync(orchestrator, terminalBefore + transfers.Count, cancellationToken);
        return new BatchRun(transfers.Select((t, i) => (t.TransferId, publishedAt[i])).ToDictionary(), firstPublish, publishDuration,
            new Pacing(rate, maxBehind));
    }

    /// <summary>Until <paramref name="expected"/> transfers of this run are terminal; a timeout names the states they are stuck in.</summary>
    public static async Task WaitForTerminalAsync(InProcessOrchestrator orchestrator, int expected, CancellationToken cancellationToken)
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
