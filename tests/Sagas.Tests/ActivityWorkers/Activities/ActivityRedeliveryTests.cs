using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Sagas.ActivityWorkers.Activities;
using Sagas.ActivityWorkers.Ledger;
using Sagas.ActivityWorkers.Transfers;
using Sagas.Contracts;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.ActivityWorkers.Activities;

/// <summary>
/// An activity that keeps failing past its immediate retries is redelivered later through the
/// Quartz scheduler (RabbitMQ needs no delayed-exchange plugin), then succeeds and moves money once.
/// </summary>
public sealed class ActivityRedeliveryTests
{
    [Fact]
    public Task On_the_embedded_default_a_failing_activity_is_redelivered_through_the_scheduler() => TestStacks.OnEmbeddedAsync(RunAsync);

    [Fact]
    public Task On_PostgreSQL_and_RabbitMQ_a_failing_activity_is_redelivered_through_the_scheduler() => TestStacks.OnRealStackAsync(RunAsync);

    static async Task RunAsync(Dictionary<string, string?> settings)
    {
        settings["Sagas:HostActivities"] = "false";
        settings["Sagas:Activities:FlakyWithdraw:Retry:Immediate"] = "1";
        settings["Sagas:Activities:FlakyWithdraw:Retry:InitialInterval"] = "00:00:01";
        var attempts = new Attempts();
        await using var host = await OrchestratorHost.StartAsync(settings, bus =>
        {
            bus.AddSingleton(attempts);
            bus.AddConsumer<FlakyWithdrawConsumer, ActivityDefinition<FlakyWithdrawConsumer>>();
            bus.AddConsumer<DepositConsumer, ActivityDefinition<DepositConsumer>>();
        });
        await host.OpenAccountsAsync([("alice", 100m), ("bob", 0m)]);
        var id = Guid.NewGuid();

        await host.StartTransferAsync(new StartTransfer { TransferId = id, FromAccount = "alice", ToAccount = "bob", Amount = 10m });
        var transfer = Assert.Single(await host.WaitForTerminalAsync([id], TimeSpan.FromMinutes(1)));

        Assert.Equal("Completed", transfer.CurrentState);
        Assert.Equal(FlakyWithdrawConsumer.Failures + 1, attempts.For(id).Count);
        // Two tries in the first delivery (one immediate retry), the rest after a scheduled redelivery.
        Assert.Equal([0, 0, 1, 1], attempts.For(id).Select(a => a.RedeliveryCount));
        Assert.Equal(2, (await host.LedgerEntriesAsync()).Count);
        Assert.Equal(90m, (await host.AccountsAsync()).Single(a => a.Id == "alice").Balance);
    }

    public sealed class Attempts
    {
        readonly ConcurrentDictionary<Guid, ConcurrentQueue<(int RedeliveryCount, DateTime At)>> _attempts = new();

        public IReadOnlyList<(int RedeliveryCount, DateTime At)> For(Guid id) => _attempts.TryGetValue(id, out var queue) ? [.. queue] : [];

        public int Record(Guid id, int redeliveryCount)
        {
            var queue = _attempts.GetOrAdd(id, _ => new());
            queue.Enqueue((redeliveryCount, DateTime.UtcNow));
            return queue.Count;
        }
    }

    /// <summary>A withdrawal whose ledger is unreachable for its first three tries.</summary>
    public sealed class FlakyWithdrawConsumer(LedgerBook ledger, Attempts attempts) : IConsumer<Withdraw>
    {
        public const int Failures = 3;

        public Task Consume(ConsumeContext<Withdraw> context)
        {
            var attempt = attempts.Record(context.Message.TransferId, context.GetRedeliveryCount());
            return attempt <= Failures
                ? throw new InvalidOperationException($"ledger unavailable (attempt {attempt})")
                : new WithdrawConsumer(ledger).Consume(context);
        }
    }
}
