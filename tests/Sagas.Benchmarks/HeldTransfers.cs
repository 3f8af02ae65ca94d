using System.Diagnostics;
using Sagas.Contracts;
using Sagas.Orchestrator.Workflows.Transfers;

namespace Sagas.Benchmarks;

/// <summary>
/// The orchestrator's memory with many transfers in flight: the worker is stopped, the transfers
/// are started and all wait in their first step, their Withdraw commands queued in RabbitMQ; then
/// the worker comes back and finishes them. What a long outage of an activity looks like to the
/// orchestrator, and what it should not cost: a waiting saga is a row, not an object in memory.
/// </summary>
public static class HeldTransfers
{
    /// <summary>
    /// Long enough for no step to time out and be sent again while the worker is away or catching
    /// up; only for this mode, as the usual runs measure the default. They win over Sagas__* variables.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        ["Sagas:Activities:Withdraw:StartToClose"] = "00:30:00",
        ["Sagas:Activities:Deposit:StartToClose"] = "00:30:00",
        ["Sagas:Activities:Refund:StartToClose"] = "00:30:00",
    };

    static readonly string Waiting = nameof(TransferStateMachine.Withdrawing);

    /// <param name="terminalBefore">Transfers of the run already terminal, the warm-up's.</param>
    public static async Task RunAsync(RealStack stack, InProcessOrchestrator orchestrator, IReadOnlyList<StartTransfer> transfers, int inFlight,
        int terminalBefore, CancellationToken cancellationToken)
    {
        var idle = Memory.AfterFullGc();
        stack.StopWorker();
        var published = await Driver.PublishAsync(orchestrator, transfers, inFlight, cancellationToken);

        // Waiting in Withdrawing means its StartTransfer was consumed and committed; an empty outbox, that
        // every Withdraw is in RabbitMQ: then nothing is left for the orchestrator to do but wait.
        var timeout = TimeSpan.FromSeconds(120 + transfers.Count / 20);
        var timer = Stopwatch.StartNew();
        int waiting;
        while ((waiting = await orchestrator.CountInStateAsync(Waiting, cancellationToken)) < transfers.Count
               || await orchestrator.UndeliveredCountAsync(cancellationToken) > 0)
        {
            if (timer.Elapsed > timeout)
                throw new TimeoutException($"{waiting} of {transfers.Count} held transfers in {Waiting} after {timeout}");
            await Task.Delay(100, cancellationToken);
        }

        var held = Memory.AfterFullGc();
        Console.WriteLine($"hold        {waiting} sagas in flight in {Waiting}, worker stopped: all waiting {(DateTime.UtcNow - published.FirstPublish).TotalSeconds:0.0} s after the first publish");
        Console.WriteLine($"hold        orchestrator after a full GC, idle before → holding: {idle.Describe(held)}");
        // RSS is not divided by the sagas: it also keeps what the runtime took for the burst of publishes and did not give back.
        Console.WriteLine($"hold        per saga in flight: {(held.TotalMemory - idle.TotalMemory) / (double)waiting:0} B of live GC heap " +
                          $"(RSS {held.RssMegabytes - idle.RssMegabytes:+0.0;-0.0} MB in all, burst included)");

        timer.Restart();
        await stack.StartWorkerAsync(cancellationToken);
        await Driver.WaitForTerminalAsync(orchestrator, terminalBefore + transfers.Count, cancellationToken);
        Console.WriteLine($"hold        worker restarted: the {transfers.Count} held transfers terminal {timer.Elapsed.TotalSeconds:0.0} s later");
    }

    /// <summary>This process's memory once garbage is gone, so what is left is what it holds.</summary>
    sealed record Memory(double? RssMegabytes, double? PeakRssMegabytes, long TotalMemory, long HeapBytes)
    {
        public static Memory AfterFullGc()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            return new Memory(ProcessCpu.RssMegabytes(Environment.ProcessId), ProcessCpu.PeakRssMegabytes(Environment.ProcessId),
                GC.GetTotalMemory(forceFullCollection: false), GC.GetGCMemoryInfo().HeapSizeBytes);
        }

        public string Describe(Memory now) =>
            $"RSS {Megabytes(RssMegabytes)} → {Megabytes(now.RssMegabytes)} (peak {Megabytes(now.PeakRssMegabytes)}), " +
            $"GC.GetTotalMemory {Megabytes(TotalMemory / 1048576.0)} → {Megabytes(now.TotalMemory / 1048576.0)}, " +
            $"GC heap size {Megabytes(HeapBytes / 1048576.0)} → {Megabytes(now.HeapBytes / 1048576.0)}";

        static string Megabytes(double? value) => value is { } mb ? $"{mb:0.0} MB" : "n/a";
    }
}
