using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Sagas.ActivityWorkers.Inventory;
using Sagas.ActivityWorkers.Ledger;
using Sagas.ActivityWorkers.Mail;
using Sagas.ActivityWorkers.Payments;
using Sagas.ActivityWorkers.Shipping;
using Sagas.Contracts;
using Sagas.Durability.Activities;
using Sagas.Durability.DeadLetters;
using Sagas.Durability.Hosting;
using Sagas.Durability.Outbox;
using Sagas.Durability.Sagas;
using Sagas.Orchestrator.Data;
using Sagas.Orchestrator.Workflows.Batches;
using Sagas.Orchestrator.Workflows.DailyReports;
using Sagas.Orchestrator.Workflows.ExpenseApprovals;
using Sagas.Orchestrator.Workflows.Orders;
using Sagas.Orchestrator.Workflows.Transfers;
using Sagas.Tests.Durability.Sagas;
using Sagas.Tests.Infrastructure;
using Sagas.Tests.Orchestrator.Workflows.Orders;
using Xunit.Abstractions;

namespace Sagas.Tests.Chaos;

/// <summary>
/// Two orchestrators and two workers as processes on PostgreSQL and RabbitMQ, one of them killed
/// (SIGKILL) and restarted every 2-5 s, RabbitMQ restarted and PostgreSQL down for 30 s, while
/// transfers, orders, a batch, expense deadlines and a schedule run. Afterwards every saga has
/// ended, money and stock balance, each effect happened once (deadlines, ticks and answers counted
/// where no inbox hides a repeat), and nothing waits in an error queue or the outbox.
/// <c>scripts/soak.sh --minutes N</c> runs the same for longer, <c>--cluster</c> on a RabbitMQ cluster.
/// </summary>
[Collection(ServerRestarts.Name)]
[Trait("Category", "Chaos")]
public sealed class ChaosTests(ITestOutputHelper output)
{
    const int Expenses = 50;

    [Fact]
    public Task Two_orchestrators_and_two_workers_killed_at_random_through_a_broker_and_a_database_restart_lose_and_repeat_nothing() =>
        RunAsync(Environment.GetEnvironmentVariable("SAGAS_CHAOS_MINUTES") is { Length: > 0 } minutes
            ? TimeSpan.FromMinutes(double.Parse(minutes, CultureInfo.InvariantCulture))
            : TimeSpan.FromSeconds(150));

    async Task RunAsync(TimeSpan faultsFor)
    {
        await using var database = await TestServers.CreatePostgresDatabaseAsync();
        await using var broker = await TestServers.CreateRabbitMqVirtualHostAsync();
        // The load is published evenly over the first two thirds of the faults. A soak scales it with its
        // length at half the rate, about what two orchestrators and two workers complete while being killed.
        var scale = Math.Max(1, (int)(faultsFor / TimeSpan.FromSeconds(300)));
        var publishFor = faultsFor * 2 / 3;
        var transfers = new TransferScenario(accounts: 100, transfers: 2000 * scale, seed: 41);
        var orders = new OrderScenario(orders: 700 * scale, seed: 43, skus: 30, customers: 150);
        var (direct, batched) = (orders.Orders.SkipLast(200).ToList(), orders.Orders.TakeLast(200).ToList());

        var environment = TestStacks.ProcessEnvironment(database, broker);
        // scripts/soak.sh --cluster: a three-node cluster, whose queues are replicated.
        var cluster = Environment.GetEnvironmentVariable("SAGAS_CHAOS_CLUSTER") == "1";
        if (cluster)
            environment["Sagas__RabbitMq__QueueType"] = "Quorum";
        environment["Sagas__Workflows__ExpenseApproval__DecisionTime"] = "00:00:10";
        for (var i = 0; i < orders.Unshippable.Count; i++)
            environment[$"Sagas__Activities__CreateShipment__UnshippableSkus__{i}"] = orders.Unshippable[i];
        var urls = new[] { $"http://127.0.0.1:{TestStacks.FreePort()}", $"http://127.0.0.1:{TestStacks.FreePort()}" };
        var processes = new List<ServiceProcess>();
        foreach (var url in urls)
            processes.Add(new ServiceProcess("Sagas.Orchestrator.dll", new Dictionary<string, string>(environment) { ["Urls"] = url }));
        processes.Add(new ServiceProcess("Sagas.ActivityWorkers.dll", environment));
        processes.Add(new ServiceProcess("Sagas.ActivityWorkers.dll", environment));
        using var stopping = new ProcessesStopper(processes);
        using var http = new HttpClient { BaseAddress = new Uri(urls[0]), Timeout = TimeSpan.FromSeconds(10) };

        foreach (var process in processes)
            await StartAsync(process);
        Report("started two orchestrators and two workers");
        // Receivers without an inbox, so a timer or a tick sent twice, or a command answered twice, shows.
        await using var deadlines = await MessageTap.StartAsync(broker.ConnectionString, cluster, nameof(ExpenseApprovalState));
        await using var ticks = await MessageTap.StartAsync(broker.ConnectionString, cluster, nameof(DailyReportState));
        await using var answers = await MessageTap.StartAsync(broker.ConnectionString, cluster, nameof(TransferState), nameof(OrderState));
        await TestStacks.OpenAccountsAsync(database.ConnectionString, [.. transfers.Accounts, .. orders.Customers, (OrderScenario.Merchant, 0m)]);
        await using (var ledger = TestStacks.Ledger(database.ConnectionString))
        {
            ledger.AddRange(orders.Stock.Select(x => new InventoryItem { Sku = x.Sku, Quantity = x.Quantity }));
            await ledger.SaveChangesAsync();
        }

        (await http.PostAsJsonAsync("/api/schedules", new { name = "tick", interval = "00:00:02", workflow = "DailyReport", input = new { reportDate = "2026-11-01" } }))
            .EnsureSuccessStatusCode();

        var client = Bus.Factory.CreateUsingRabbitMq(cfg => cfg.Host(RabbitMqConnection.Parse(broker.ConnectionString)));
        await client.StartAsync();
        var clock = Stopwatch.StartNew();
        var faults = new Faults(processes, http, cluster, Report);
        using var watching = new CancellationTokenSource();
        var progress = ReportProgressAsync(database.ConnectionString, faults, clock, watching.Token);
        try
        {
            var load = Task.WhenAll(
                PaceAsync(transfers.Transfers, publishFor, t => PublishAsync(client, t)),
                PaceAsync(direct, publishFor, o => PublishAsync(client, o)),
                CancelAsync(client, orders, direct, publishFor),
                PublishAsync(client, new ProcessBatch { BatchId = Guid.NewGuid(), Orders = batched, MaxConcurrency = 20 }),
                Task.WhenAll(Enumerable.Range(0, Expenses).Select(i =>
                    PublishAsync(client, new SubmitExpense { ExpenseId = Guid.NewGuid(), Employee = $"e{i}", Amount = 10m, Description = "train" }))));
            await faults.RunAsync(faultsFor);
            Report("faults done; waiting for the load to be published");
            await load.WaitAsync(TimeSpan.FromMinutes(2));
        }
        finally
        {
            await client.StopAsync();
        }

        await faults.EnsureRunningAsync();
        (await http.PostAsync("/api/schedules/tick/pause", null)).EnsureSuccessStatusCode();
        Report($"faults stopped after {clock.Elapsed.TotalSeconds:0} s: {faults}");

        await using var sagas = TestStacks.Sagas(database.ConnectionString);
        await WaitForAllEndedAsync(sagas, transfers.Transfers.Count + orders.Orders.Count + Expenses + 1, TimeSpan.FromMinutes(4) + faultsFor / 2);
        await watching.CancelAsync();
        await progress;
        Report($"every saga ended after {clock.Elapsed.TotalSeconds:0} s");

        await AssertBooksAsync(database.ConnectionString, sagas, transfers, orders);
        await AssertTimersAsync(sagas, deadlines, ticks);
        AssertAnsweredOnce(answers);
        await Task.Delay(TimeSpan.FromSeconds(6)); // the management API's counts lag a few seconds
        Assert.Empty(await ServerRestarts.DeadLetteredAsync(broker.ConnectionString));
        await AssertOutboxDrainsAsync(sagas);
        Assert.Equal(0, await sagas.Set<StoredDeadLetter>().CountAsync());
        faults.AssertRodeOutOutages();
    }

    async Task AssertBooksAsync(string connectionString, SagasDbContext sagas, TransferScenario transfers, OrderScenario orders)
    {
        await using var ledger = TestStacks.Ledger(connectionString);
        var accounts = await ledger.Accounts.AsNoTracking().ToListAsync();
        var entries = await ledger.LedgerEntries.AsNoTracking().ToListAsync();
        var transferAccounts = transfers.Accounts.Select(a => a.Id).ToHashSet();
        var transferSagas = await sagas.Set<TransferState>().AsNoTracking().ToListAsync();
        Report("transfers: " + string.Join(", ", transferSagas.GroupBy(x => x.CurrentState).OrderBy(x => x.Key).Select(x => $"{x.Key} {x.Count()}")));
        transfers.AssertConsistent(
            [.. accounts.Where(a => transferAccounts.Contains(a.Id))], [.. entries.Where(e => transferAccounts.Contains(e.AccountId))], transferSagas);

        var books = new OrderBooks(
            await sagas.Set<OrderState>().AsNoTracking().ToListAsync(),
            [.. accounts.Where(a => !transferAccounts.Contains(a.Id))],
            [.. entries.Where(e => !transferAccounts.Contains(e.AccountId))],
            await ledger.Set<InventoryItem>().AsNoTracking().ToListAsync(),
            await ledger.Set<InventoryHold>().AsNoTracking().ToListAsync(),
            await ledger.Set<InventoryHoldLine>().AsNoTracking().ToListAsync(),
            await ledger.Set<Payment>().AsNoTracking().ToListAsync(),
            await ledger.Set<Shipment>().AsNoTracking().ToListAsync(),
            await ledger.Set<SentMail>().AsNoTracking().ToListAsync());
        Report("orders: " + string.Join(", ", books.Sagas.GroupBy(x => x.CurrentState).OrderBy(x => x.Key).Select(x => $"{x.Key} {x.Count()}")));
        books.AssertConsistent(orders);

        var batch = await sagas.Set<BatchState>().AsNoTracking().SingleAsync();
        Assert.Equal(("Completed", 200, 200), (batch.CurrentState, batch.Total, batch.Succeeded + batch.Failed));
    }

    /// <summary>
    /// The outbox empties: a row its writer was killed holding is sent by another process once the
    /// writer's lease ends (Sagas:Outbox:Lease, 30 s), so the wait allows one lease.
    /// </summary>
    async Task AssertOutboxDrainsAsync(SagasDbContext sagas)
    {
        var rows = new List<OutboxMessage>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(45);
        while ((rows = await sagas.Set<OutboxMessage>().AsNoTracking().ToListAsync()).Count > 0 && DateTime.UtcNow < deadline)
            await Task.Delay(1000);
        Assert.True(rows.Count == 0, $"the outbox still holds {rows.Count}: " + string.Join("; ", rows.Take(10).Select(r =>
            $"{r.MessageType} to {r.DestinationAddress} sent {r.SentTime:HH:mm:ss} delivered {r.DeliveredAt:HH:mm:ss} locked until {r.LockedUntil:HH:mm:ss} attempts {r.Attempts} {r.LastError}")));
    }

    /// <summary>
    /// Each message a worker (or a saga) consumed was answered once: a consumer that ran twice for
    /// one message, which the ledger's and the mails' own keys would absorb, sends a second answer.
    /// Starts are left out: one consumption sends many of them (a batch starts its orders).
    /// </summary>
    void AssertAnsweredOnce(MessageTap answers)
    {
        string[] many = [nameof(ActivityHeartbeat), nameof(StartOrder), nameof(StartTransfer)];
        var caused = answers.Caused().Where(x => !many.Any(type => x.Type.EndsWith(type, StringComparison.Ordinal))).ToList();
        var twice = caused.GroupBy(x => (x.CausedBy, x.Type)).Where(g => g.Count() > 1).ToList();
        Report($"answers: {caused.Count} messages sent from consumers to the transfers and orders, for {caused.Select(x => x.CausedBy).Distinct().Count()} consumed messages; answered twice: {twice.Count}");
        Assert.True(twice.Count == 0, "consumed more than once: " + string.Join("; ", twice.Take(5).Select(g => $"{g.Key.CausedBy} answered {g.Count()} times with {g.Key.Type}")));
    }

    /// <summary>
    /// Each expense's deadline fired once, counted where no inbox hides a second fire, and each
    /// schedule tick started one run that ended.
    /// </summary>
    async Task AssertTimersAsync(SagasDbContext sagas, MessageTap deadlines, MessageTap ticks)
    {
        var expenses = await sagas.Set<ExpenseApprovalState>().AsNoTracking().ToListAsync();
        Assert.All(expenses, e => Assert.Equal("TimedOut", e.CurrentState));
        // A timer's sends: its fire, and repeats of it (a failed send retried, or a fire recovered from a
        // node killed mid-send) that keep its message id; a second fire of one timer would be a second "fire".
        var sends = deadlines.Sends(nameof(ExpenseDecisionDue));
        var repeats = sends.Values.SelectMany(x => x).Where(x => x != "fire").CountBy(x => x ?? "none");
        Report($"deadlines: {sends.Count} timers fired {sends.Values.Sum(x => x.Count(s => s == "fire"))} times; repeated sends: "
            + (repeats.Any() ? string.Join(", ", repeats.Select(x => $"{x.Value} {x.Key}")) : "none"));
        Assert.Equal(Expenses, sends.Count);
        Assert.All(sends, timer => Assert.True(timer.Value.Count(s => s == "fire") == 1 && timer.Value.All(s => s is "fire" or "retry" or "recovery"),
            $"the deadline {timer.Key} was sent as: {string.Join(", ", timer.Value)}"));

        var reports = await sagas.Set<DailyReportState>().AsNoTracking().ToListAsync();
        var starts = ticks.Sends(nameof(StartDailyReport));
        // A start goes through the outbox, which may send a row twice (its writer died after sending); the inbox drops the copy.
        Report($"schedule runs: {reports.Count}; starts sent: {starts.Count} ids, {starts.Values.Sum(x => x.Count)} sends");
        Assert.NotEmpty(reports);
        Assert.Equal(starts.Keys.Order(), reports.Select(r => r.CorrelationId).Order());
        Assert.All(reports, r => Assert.Equal("Completed", r.CurrentState));
    }

    async Task WaitForAllEndedAsync(SagasDbContext sagas, int atLeast, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var counts = new[]
            {
                await Count<TransferState>(), await Count<OrderState>(), await Count<ExpenseApprovalState>(), await Count<BatchState>(), await Count<DailyReportState>(),
            };
            var (ended, all) = (counts.Sum(c => c.Ended), counts.Sum(c => c.All));
            if (ended == all && all >= atLeast)
                return;
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"{ended} of {all} sagas ended after {timeout} (expected at least {atLeast})");
            await Task.Delay(1000);
        }

        async Task<(int Ended, int All)> Count<TSaga>()
            where TSaga : SagaInstance =>
            (await sagas.Set<TSaga>().CountAsync(x => x.CompletedAt != null), await sagas.Set<TSaga>().CountAsync());
    }

    /// <summary>Each order's cancel goes its scenario's delay after the order was published.</summary>
    static async Task CancelAsync(IBus client, OrderScenario orders, List<StartOrder> placed, TimeSpan publishFor)
    {
        var at = placed.Select((o, i) => (o.OrderId, At: publishFor * i / placed.Count)).ToDictionary(x => x.OrderId, x => x.At);
        await Task.WhenAll(orders.Cancels.Where(c => at.ContainsKey(c.OrderId)).Select(async cancel =>
        {
            await Task.Delay(at[cancel.OrderId] + cancel.After);
            await PublishAsync(client, new CancelOrder(cancel.OrderId, "changed my mind"));
        }));
    }

    /// <summary>
    /// Publishes as a service must that cannot lose a command: a publish the broker has not confirmed
    /// within 10 s (it may be restarting, and a confirm in flight then never comes) is sent again; a
    /// command that arrives twice still starts one saga.
    /// </summary>
    static async Task PublishAsync<T>(IBus client, T message)
        where T : class
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await client.Publish(message).WaitAsync(TimeSpan.FromSeconds(10));
                return;
            }
            catch (Exception) when (attempt < 30)
            {
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        }
    }

    static async Task PaceAsync<T>(IReadOnlyList<T> items, TimeSpan over, Func<T, Task> publish)
    {
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < items.Count; i++)
        {
            if (over * i / items.Count - clock.Elapsed is { } wait && wait > TimeSpan.Zero)
                await Task.Delay(wait);
            await publish(items[i]);
        }
    }

    /// <summary>A line every 10 s: sagas ended per second, ended, in flight, faults so far; also to SAGAS_CHAOS_PROGRESS, which soak.sh follows.</summary>
    async Task ReportProgressAsync(string connectionString, Faults faults, Stopwatch clock, CancellationToken cancellationToken)
    {
        var lastEnded = 0;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(10));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    await using var db = TestStacks.Sagas(connectionString);
                    var ended = await Count(db, "IS NOT NULL", cancellationToken);
                    var running = await Count(db, "IS NULL", cancellationToken);
                    Report($"{clock.Elapsed.TotalSeconds:0} s: {(ended - lastEnded) / 10.0:0} sagas/s ended, {ended} ended, {running} in flight, {faults}");
                    lastEnded = ended;
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    Report($"{clock.Elapsed.TotalSeconds:0} s: database not answering ({exception.GetType().Name}), {faults}");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Transfers and orders whose <c>completed_at</c> is (or is not) set; the statement is ours, never input.</summary>
    static Task<int> Count(SagasDbContext db, string completed, CancellationToken cancellationToken) =>
#pragma warning disable EF1002
        db.Database.SqlQueryRaw<int>($"SELECT (SELECT count(*) FROM transfer_sagas WHERE completed_at {completed}) + (SELECT count(*) FROM order_sagas WHERE completed_at {completed}) AS \"Value\"")
#pragma warning restore EF1002
            .SingleAsync(cancellationToken);

    void Report(string line)
    {
        output.WriteLine(line);
        if (Environment.GetEnvironmentVariable("SAGAS_CHAOS_PROGRESS") is { Length: > 0 } file)
            File.AppendAllText(file, line + Environment.NewLine);
    }

    static async Task StartAsync(ServiceProcess process)
    {
        process.Start();
        await process.WaitForOutputAsync(process.Assembly.Contains("Orchestrator", StringComparison.Ordinal) ? "listening on" : "activity worker started", $"{process.Assembly} to start");
    }


    /// <summary>Kills what the test started, whatever happens to the test.</summary>
    sealed class ProcessesStopper(List<ServiceProcess> processes) : IDisposable
    {
        public void Dispose()
        {
            foreach (var process in processes)
                process.Dispose();
        }
    }
}
