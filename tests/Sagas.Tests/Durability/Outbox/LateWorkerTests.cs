using MassTransit;
using Microsoft.EntityFrameworkCore;
using Sagas.ActivityWorkers.Ledger;
using Sagas.Contracts;
using Sagas.Durability.Sagas;
using Sagas.Orchestrator.Data;
using Sagas.Orchestrator.Workflows.Transfers;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Durability.Outbox;

/// <summary>
/// The orchestrator runs alone on a fresh vhost: no worker has bound a queue yet, so RabbitMQ
/// would drop the step commands it publishes (and confirm them). Published mandatory, they come
/// back, stay in the outbox and are sent again until the worker, started a minute later, takes them:
/// every transfer completes, and no step needed its timeout to be sent again.
/// </summary>
public sealed class LateWorkerTests
{
    const int Transfers = 200;

    [Fact]
    public async Task Steps_published_before_any_worker_exists_are_delivered_once_it_starts()
    {
        await using var database = await TestServers.CreatePostgresDatabaseAsync();
        await using var broker = await TestServers.CreateRabbitMqVirtualHostAsync();
        var environment = TestStacks.ProcessEnvironment(database, broker);
        environment["Sagas__Activities__Withdraw__StartToClose"] = "00:10:00";
        environment["Sagas__Activities__Deposit__StartToClose"] = "00:10:00";
        using var orchestrator = new ServiceProcess("Sagas.Orchestrator.dll", environment);
        using var worker = new ServiceProcess("Sagas.ActivityWorkers.dll", environment);

        orchestrator.Start();
        await orchestrator.WaitForOutputAsync("listening on", "the orchestrator to start");
        await TestStacks.OpenAccountsAsync(database.ConnectionString, [("alice", 10_000m), ("bob", 0m)]);

        var client = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(new Uri(broker.ConnectionString)));
        await client.StartAsync();
        try
        {
            for (var i = 0; i < Transfers; i++)
                await client.Publish(new StartTransfer { TransferId = Guid.NewGuid(), FromAccount = "alice", ToAccount = "bob", Amount = 10m });
        }
        finally
        {
            await client.StopAsync();
        }

        await WaitForSagasAsync(database.ConnectionString, s => s.CurrentState == "Withdrawing", "every transfer to send its withdrawal", TimeSpan.FromMinutes(1));
        await Task.Delay(TimeSpan.FromSeconds(60));
        worker.Start();
        await WaitForSagasAsync(database.ConnectionString, s => s.CurrentState == "Completed", "every transfer to complete", TimeSpan.FromMinutes(3));

        await using var db = TestStacks.Sagas(database.ConnectionString);
        Assert.Equal(0, await db.Set<SagaHistoryEntry>().CountAsync(h => h.EventName == "StepTimeout"));
        await using var ledgerAfter = TestStacks.Ledger(database.ConnectionString);
        var balances = await ledgerAfter.Accounts.ToDictionaryAsync(a => a.Id, a => a.Balance);
        Assert.Equal(Transfers * 10m, balances["bob"]);
        Assert.Equal(Transfers * 2, await ledgerAfter.LedgerEntries.CountAsync());
    }

    static async Task WaitForSagasAsync(string connectionString, Func<TransferState, bool> condition, string what, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            await using var db = TestStacks.Sagas(connectionString);
            var sagas = await db.Set<TransferState>().AsNoTracking().ToListAsync();
            if (sagas.Count == Transfers && sagas.All(condition))
                return;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out waiting for {what}: "
                    + string.Join(", ", sagas.GroupBy(s => s.CurrentState).Select(g => $"{g.Key}: {g.Count()}")));
            await Task.Delay(250);
        }
    }
}
