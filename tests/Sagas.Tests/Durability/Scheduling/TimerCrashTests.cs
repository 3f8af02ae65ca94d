using MassTransit;
using Microsoft.EntityFrameworkCore;
using Sagas.ActivityWorkers.Ledger;
using Sagas.Contracts;
using Sagas.Durability.Sagas;
using Sagas.Orchestrator.Data;
using Sagas.Orchestrator.Workflows.Transfers;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Durability.Scheduling;

/// <summary>
/// Step deadlines are columns of the saga rows in PostgreSQL, not Quartz triggers: the orchestrator
/// SIGKILLed while they are pending, and brought back after they fell due, fires each exactly once.
/// </summary>
public sealed class TimerCrashTests
{
    const int Transfers = 20;

    [Fact]
    public async Task Step_timers_that_fall_due_while_the_orchestrator_is_dead_fire_once_after_it_restarts()
    {
        await using var database = await TestServers.CreatePostgresDatabaseAsync();
        await using var broker = await TestServers.CreateRabbitMqVirtualHostAsync();
        var environment = TestStacks.ProcessEnvironment(database, broker);
        environment["Sagas__Activities__Withdraw__StartToClose"] = "00:00:20";
        using var orchestrator = new ServiceProcess("Sagas.Orchestrator.dll", environment);
        using var worker = new ServiceProcess("Sagas.ActivityWorkers.dll", environment);

        orchestrator.Start();
        await orchestrator.WaitForOutputAsync("listening on", "the orchestrator to start");
        // The worker declares its queues, then dies: Withdraw commands wait there, unanswered.
        worker.Start();
        await worker.WaitForOutputAsync("activity worker started", "the worker to start");
        worker.Kill();

        await TestStacks.OpenAccountsAsync(database.ConnectionString, [("alice", 1000m), ("bob", 0m)]);

        var ids = Enumerable.Range(0, Transfers).Select(_ => Guid.NewGuid()).ToList();
        var client = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(new Uri(broker.ConnectionString)));
        await client.StartAsync();
        try
        {
            foreach (var id in ids)
                await client.Publish(new StartTransfer { TransferId = id, FromAccount = "alice", ToAccount = "bob", Amount = 10m });
        }
        finally
        {
            await client.StopAsync();
        }

        await WaitForSagasAsync(database.ConnectionString, s => s.CurrentState == "Withdrawing" && s.StepDeadline != null, "every transfer to wait on its withdrawal deadline");
        Assert.Equal(0, await StepTriggersAsync(database.ConnectionString));
        orchestrator.Kill();
        await Task.Delay(TimeSpan.FromSeconds(22));

        orchestrator.Start();
        await WaitForSagasAsync(database.ConnectionString, s => s.StepAttempt == 2, "each timer to fire after the restart");
        // The second send's timer has 20 s; starting the worker takes a few.
        worker.Start();
        await WaitForSagasAsync(database.ConnectionString, s => s.CurrentState == "Completed", "every transfer to complete");

        await using var db = TestStacks.Sagas(database.ConnectionString);
        var timeouts = await db.Set<SagaHistoryEntry>().Where(h => h.EventName == "StepTimeout").ToListAsync();
        Assert.Equal(ids.Order(), timeouts.Select(t => t.CorrelationId).Order());

        await using var ledgerAfter = TestStacks.Ledger(database.ConnectionString);
        var balances = await ledgerAfter.Accounts.ToDictionaryAsync(a => a.Id, a => a.Balance);
        Assert.Equal(1000m - (Transfers * 10m), balances["alice"]);
        Assert.Equal(Transfers * 10m, balances["bob"]);
        Assert.Equal(Transfers * 2, await ledgerAfter.LedgerEntries.CountAsync());
    }

    static async Task<List<TransferState>> WaitForSagasAsync(string connectionString, Func<TransferState, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (true)
        {
            await using var db = TestStacks.Sagas(connectionString);
            var sagas = await db.Set<TransferState>().AsNoTracking().ToListAsync();
            if (sagas.Count == Transfers && sagas.All(condition))
                return sagas;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out waiting for {what}: "
                    + string.Join(", ", sagas.GroupBy(s => $"{s.CurrentState}/attempt {s.StepAttempt}").Select(g => $"{g.Key}: {g.Count()}")));
            await Task.Delay(250);
        }
    }

    /// <summary>Scheduled messages in Quartz; a step needs none.</summary>
    static async Task<int> StepTriggersAsync(string connectionString)
    {
        await using var db = TestStacks.Sagas(connectionString);
        return await db.Database.SqlQueryRaw<int>("SELECT COUNT(*)::int AS \"Value\" FROM qrtz_triggers WHERE job_name = 'send-scheduled-message'").SingleAsync();
    }
}
