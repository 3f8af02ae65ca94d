using MassTransit;
using Microsoft.EntityFrameworkCore;
using Sagas.ActivityWorkers.Ledger;
using Sagas.Contracts;
using Sagas.Durability.Sagas;
using Sagas.Orchestrator.Data;
using Sagas.Orchestrator.Workflows.Transfers;
using Sagas.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Sagas.Tests.Durability.Sagas;

/// <summary>
/// The orchestrator and a worker as real processes on PostgreSQL and RabbitMQ, killed with SIGKILL
/// again and again while transfers run. Messages committed but not yet acknowledged come back
/// from the broker after every kill; nothing may be lost, stuck or done twice.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Killing_the_orchestrator_and_worker_mid_saga_loses_and_repeats_nothing()
    {
        await using var database = await TestServers.CreatePostgresDatabaseAsync();
        await using var broker = await TestServers.CreateRabbitMqVirtualHostAsync();
        var environment = TestStacks.ProcessEnvironment(database, broker);
        environment["Logging__LogLevel__Sagas"] = "Information";
        using var orchestrator = new ServiceProcess("Sagas.Orchestrator.dll", environment);
        using var worker = new ServiceProcess("Sagas.ActivityWorkers.dll", environment);

        orchestrator.Start();
        await orchestrator.WaitForOutputAsync("listening on", "the orchestrator to start");
        worker.Start();
        // Until the worker's bus is up its queues are unbound, and RabbitMQ drops what is published meanwhile.
        await worker.WaitForOutputAsync("activity worker started", "the worker to start");

        var scenario = new TransferScenario(accounts: 50, transfers: 400, seed: 11);
        await TestStacks.OpenAccountsAsync(database.ConnectionString, scenario.Accounts);

        var client = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(new Uri(broker.ConnectionString)));
        await client.StartAsync();
        try
        {
            var publishing = Parallel.ForEachAsync(scenario.Transfers, new ParallelOptions { MaxDegreeOfParallelism = 8 },
                async (transfer, ct) => await client.Publish(transfer, ct));

            // Each kill waits for fresh progress, so it lands while messages are in flight, not while a process is starting.
            var random = new Random(3);
            for (var round = 0; round < 6; round++)
            {
                await WaitForProgressAsync(database.ConnectionString, transitions: 150);
                await Task.Delay(random.Next(0, 200));
                (round % 3 == 2 ? orchestrator : worker).Restart();
            }

            await publishing;
        }
        finally
        {
            await client.StopAsync();
        }

        var sagas = await WaitForTerminalAsync(database.ConnectionString, scenario.Ids, TimeSpan.FromMinutes(3));
        await using (var ledger = TestStacks.Ledger(database.ConnectionString))
            scenario.AssertConsistent(await ledger.Accounts.ToListAsync(), await ledger.LedgerEntries.ToListAsync(), sagas);

        // Whether a kill fell between a commit and its acknowledgement is luck here (DuplicateDeliveryTests
        // replays that case deterministically); the count shows how often it did.
        var redelivered = orchestrator.Output.Concat(worker.Output).Count(l => l.Contains("already consumed"));
        output.WriteLine($"Redeliveries the inbox absorbed: {redelivered}");
    }

    static async Task<List<TransferState>> WaitForTerminalAsync(string connectionString, IReadOnlyCollection<Guid> ids, TimeSpan timeout)
    {
        var options = new DbContextOptionsBuilder<PostgresSagasDbContext>().UseNpgsql(connectionString).Options;
        var terminal = new[] { "Completed", "Failed", "Refunded", "NeedsAttention" };
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            await using var db = new PostgresSagasDbContext(options);
            var sagas = await db.Set<TransferState>().AsNoTracking().ToListAsync();
            if (sagas.Count(s => terminal.Contains(s.CurrentState)) == ids.Count)
                return sagas;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"{sagas.Count(s => terminal.Contains(s.CurrentState))}/{ids.Count} transfers terminal; "
                    + string.Join(", ", sagas.GroupBy(s => s.CurrentState).Select(g => $"{g.Key}: {g.Count()}")));
            await Task.Delay(500);
        }
    }

    static async Task WaitForProgressAsync(string connectionString, int transitions)
    {
        var options = new DbContextOptionsBuilder<PostgresSagasDbContext>().UseNpgsql(connectionString).Options;
        await using var db = new PostgresSagasDbContext(options);
        var start = await db.Set<SagaHistoryEntry>().CountAsync();
        for (var i = 0; i < 300 && await db.Set<SagaHistoryEntry>().CountAsync() < start + transitions; i++)
            await Task.Delay(100);
    }
}
