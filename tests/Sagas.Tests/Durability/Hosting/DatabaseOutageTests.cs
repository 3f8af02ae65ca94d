using MassTransit;
using Microsoft.EntityFrameworkCore;
using Sagas.ActivityWorkers.Ledger;
using Sagas.Contracts;
using Sagas.Durability.Sagas;
using Sagas.Orchestrator.Data;
using Sagas.Orchestrator.Workflows.ExpenseApprovals;
using Sagas.Orchestrator.Workflows.Transfers;
using Sagas.Tests.Durability.Sagas;
using Sagas.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Sagas.Tests.Durability.Hosting;

/// <summary>
/// PostgreSQL stopped for a minute while transfers run and expense deadlines fall due: every
/// endpoint waits the outage out instead of dead-lettering, so afterwards every transfer has
/// ended, every deadline fired once, and no error queue holds anything. The processes are not restarted.
/// </summary>
[Collection(ServerRestarts.Name)]
public sealed class DatabaseOutageTests(ITestOutputHelper output)
{
    const int Expenses = 20;

    [Fact]
    public Task An_orchestrator_started_while_PostgreSQL_is_down_waits_for_it_and_then_serves() =>
        StartIntoOutageAsync(migrated: false, waitedFor: "The database does not answer at start");

    /// <summary>
    /// Its migrations are applied, so the first thing to need the database is the scheduler, which
    /// Quartz shuts down for good if it is built while the database is down (the process then exited).
    /// </summary>
    [Fact]
    public Task An_orchestrator_restarted_while_PostgreSQL_is_down_builds_its_scheduler_once_it_is_back() =>
        StartIntoOutageAsync(migrated: true, waitedFor: "The database does not answer creating the scheduler");

    async Task StartIntoOutageAsync(bool migrated, string waitedFor)
    {
        await using var database = await TestServers.CreatePostgresDatabaseAsync();
        await using var broker = await TestServers.CreateRabbitMqVirtualHostAsync();
        var environment = TestStacks.ProcessEnvironment(database, broker);
        if (migrated)
        {
            using var first = new ServiceProcess("Sagas.Orchestrator.dll", environment);
            first.Start();
            await first.WaitForOutputAsync("listening on", "the orchestrator to migrate its database and start");
            environment["Sagas__ApplyMigrations"] = "false";
        }

        using var orchestrator = new ServiceProcess("Sagas.Orchestrator.dll", environment);
        var outage = ServerRestarts.StopPostgresAsync(TimeSpan.FromSeconds(15));
        await Task.Delay(TimeSpan.FromSeconds(3));
        orchestrator.Start();
        await outage;

        await orchestrator.WaitForOutputAsync("listening on", "the orchestrator to start once PostgreSQL is back");
        Assert.Contains(orchestrator.Output, l => l.Contains(waitedFor, StringComparison.Ordinal));
        Assert.True(orchestrator.IsRunning, "the orchestrator exited");
    }

    [Fact]
    public async Task A_minute_without_PostgreSQL_loses_and_dead_letters_nothing()
    {
        await using var database = await TestServers.CreatePostgresDatabaseAsync();
        await using var broker = await TestServers.CreateRabbitMqVirtualHostAsync();
        var environment = TestStacks.ProcessEnvironment(database, broker);
        environment["Sagas__Workflows__ExpenseApproval__DecisionTime"] = "00:00:40";
        using var orchestrator = new ServiceProcess("Sagas.Orchestrator.dll", environment);
        using var worker = new ServiceProcess("Sagas.ActivityWorkers.dll", environment);
        orchestrator.Start();
        await orchestrator.WaitForOutputAsync("listening on", "the orchestrator to start");
        worker.Start();
        await worker.WaitForOutputAsync("activity worker started", "the worker to start");

        var scenario = new TransferScenario(accounts: 50, transfers: 1000, seed: 17);
        await TestStacks.OpenAccountsAsync(database.ConnectionString, scenario.Accounts);

        var client = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(new Uri(broker.ConnectionString)));
        await client.StartAsync();
        try
        {
            for (var i = 0; i < Expenses; i++)
                await client.Publish(new SubmitExpense { ExpenseId = Guid.NewGuid(), Employee = $"e{i}", Amount = 10m, Description = "train" });
            var publishing = Parallel.ForEachAsync(scenario.Transfers, new ParallelOptions { MaxDegreeOfParallelism = 8 },
                async (transfer, ct) => await client.Publish(transfer, ct));

            // The outage begins mid-burst, with the expense deadlines (40 s) falling due while it lasts.
            await Task.Delay(TimeSpan.FromSeconds(5));
            await ServerRestarts.StopPostgresAsync(TimeSpan.FromSeconds(60));
            await publishing;
        }
        finally
        {
            await client.StopAsync();
        }

        var sagas = await WaitForAsync(database.ConnectionString, db => db.Set<TransferState>().AsNoTracking().ToListAsync(),
            s => s.Count == scenario.Transfers.Count && s.All(x => x.CompletedAt != null), "every transfer to end", TimeSpan.FromMinutes(5));
        await using (var ledger = TestStacks.Ledger(database.ConnectionString))
            scenario.AssertConsistent(await ledger.Accounts.ToListAsync(), await ledger.LedgerEntries.ToListAsync(), sagas);

        var expenses = await WaitForAsync(database.ConnectionString, db => db.Set<ExpenseApprovalState>().AsNoTracking().ToListAsync(),
            s => s.Count == Expenses && s.All(x => x.CurrentState == "TimedOut"), "every expense deadline to fire", TimeSpan.FromMinutes(3));
        await using (var db = TestStacks.Sagas(database.ConnectionString))
        {
            var fired = await db.Set<SagaHistoryEntry>().Where(h => h.EventName == "DecisionTimeout.Received").GroupBy(h => h.CorrelationId)
                .Select(g => g.Count()).ToListAsync();
            Assert.Equal(Enumerable.Repeat(1, Expenses), fired);
        }

        await Task.Delay(TimeSpan.FromSeconds(6)); // the management API's counts lag a few seconds
        Assert.Empty(await ServerRestarts.DeadLetteredAsync(broker.ConnectionString));
        Assert.True(orchestrator.IsRunning && worker.IsRunning, "a process died during the outage");
        output.WriteLine($"Retries logged while PostgreSQL was down: {orchestrator.Output.Concat(worker.Output).Count(l => l.Contains("R-RETRY") || l.Contains("retrying"))}");
        Assert.Equal(Expenses, expenses.Count);
    }

    static async Task<T> WaitForAsync<T>(string connectionString, Func<PostgresSagasDbContext, Task<T>> read, Func<T, bool> done, string what, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                await using var db = TestStacks.Sagas(connectionString);
                var value = await read(db);
                if (done(value))
                    return value;
            }
            catch (InvalidOperationException exception) when (exception.InnerException is Npgsql.NpgsqlException)
            {
                // The server is still starting up.
            }

            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out waiting for {what}");
            await Task.Delay(500);
        }
    }
}
