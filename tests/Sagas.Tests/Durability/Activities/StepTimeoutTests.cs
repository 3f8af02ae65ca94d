using System.Collections.Concurrent;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sagas.ActivityWorkers.Activities;
using Sagas.ActivityWorkers.Ledger;
using Sagas.ActivityWorkers.Transfers;
using Sagas.Contracts;
using Sagas.Durability.Activities;
using Sagas.Durability.Sagas;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Durability.Activities;

/// <summary>
/// A worker that takes a command and never answers (it lost it, or died holding it): the saga's
/// step timer, a real Quartz trigger, sends the command again and the transfer completes once.
/// </summary>
public sealed class StepTimeoutTests
{
    [Fact]
    public Task On_the_embedded_default_a_swallowed_withdrawal_is_sent_again_and_the_transfer_completes_once() => TestStacks.OnEmbeddedAsync(RunAsync);

    [Fact]
    public Task On_PostgreSQL_and_RabbitMQ_a_swallowed_withdrawal_is_sent_again_and_the_transfer_completes_once() => TestStacks.OnRealStackAsync(RunAsync);

    static async Task RunAsync(Dictionary<string, string?> settings)
    {
        settings["Sagas:HostActivities"] = "false";
        settings["Sagas:Activities:Withdraw:StartToClose"] = "00:00:02";
        var swallowed = new SwallowedCommands();
        await using var host = await OrchestratorHost.StartAsync(settings, bus =>
        {
            bus.AddSingleton(swallowed);
            bus.AddConsumer<FirstWithdrawalSwallowingConsumer, ActivityDefinition<FirstWithdrawalSwallowingConsumer>>();
            bus.AddConsumer<DepositConsumer, ActivityDefinition<DepositConsumer>>();
            bus.AddConsumer<RefundConsumer, ActivityDefinition<RefundConsumer>>();
        });
        await host.OpenAccountsAsync([("alice", 100m), ("bob", 0m)]);
        var ids = Enumerable.Range(0, 5).Select(_ => Guid.NewGuid()).ToList();

        foreach (var id in ids)
            await host.StartTransferAsync(new StartTransfer { TransferId = id, FromAccount = "alice", ToAccount = "bob", Amount = 10m });
        var transfers = await host.WaitForTerminalAsync(ids, TimeSpan.FromMinutes(1));

        Assert.All(transfers, t => Assert.Equal("Completed", t.CurrentState));
        Assert.Equal(ids.Order(), swallowed.Ids.Order());
        var accounts = (await host.AccountsAsync()).ToDictionary(a => a.Id, a => a.Balance);
        Assert.Equal(50m, accounts["alice"]);
        Assert.Equal(50m, accounts["bob"]);
        Assert.Equal(10, (await host.LedgerEntriesAsync()).Count);

        var timeouts = await host.QueryAsync(db => db.Set<SagaHistoryEntry>()
            .Where(h => h.EventName == "StepTimeout").Select(h => h.CorrelationId).ToListAsync());
        Assert.Equal(ids.Order(), timeouts.Order());
    }

    public sealed class SwallowedCommands
    {
        readonly ConcurrentDictionary<Guid, bool> _ids = new();

        public IEnumerable<Guid> Ids => _ids.Keys;

        public bool SwallowFirst(Guid id) => _ids.TryAdd(id, true);
    }

    /// <summary>Takes each transfer's first Withdraw and does nothing; later ones are real.</summary>
    public sealed class FirstWithdrawalSwallowingConsumer(LedgerBook ledger, SwallowedCommands swallowed) : IConsumer<Withdraw>
    {
        public Task Consume(ConsumeContext<Withdraw> context) =>
            swallowed.SwallowFirst(context.Message.TransferId) ? Task.CompletedTask : new WithdrawConsumer(ledger).Consume(context);
    }
}
