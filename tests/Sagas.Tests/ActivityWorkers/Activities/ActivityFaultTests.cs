using System.Collections.Concurrent;
using MassTransit;
using Sagas.Contracts;
using static Sagas.Tests.ActivityWorkers.OrderActivityStack;

namespace Sagas.Tests.ActivityWorkers.Activities;

/// <summary>
/// Injected faults fail an activity after it did its work, inside its transaction: the failed
/// deliveries leave nothing behind and the one that succeeds acts once.
/// </summary>
public sealed class ActivityFaultTests
{
    [Theory]
    [InlineData(Embedded)]
    [InlineData(Real)]
    public Task FailFirst_fails_the_first_two_attempts_and_the_third_charges_once(string stack) => RunAsync(stack, async orders =>
    {
        await orders.Host.OpenAccountsAsync([("alice", 100m)]);
        var attempts = new ChargeAttempts();
        using var observing = orders.Host.Bus.ConnectConsumeMessageObserver(attempts);
        var orderId = Guid.NewGuid();

        Assert.Equal(new PaymentCharged(orderId, 30m), await orders.ChargeAsync(orderId, "alice", 30m));

        // Two tries in the first delivery (one immediate retry), both failed; the scheduled redelivery charged.
        // Read as soon as the answer came: a fault outside the transaction would have let the first try's answer out.
        Assert.Equal([0, 1], attempts.All.Select(x => x.Redelivery));
        Assert.Single(attempts.All.Select(x => x.MessageId).Distinct());
        Assert.Equal([-30m, 30m], (await orders.EntriesAsync(orderId)).Select(x => x.Amount));
        Assert.Equal((70m, 30m), (await orders.BalanceAsync("alice"), await orders.BalanceAsync("merchant")));
    }, settings =>
    {
        settings["Sagas:Activities:ChargePayment:Faults:FailFirst"] = "2";
        settings["Sagas:Activities:ChargePayment:Retry:Immediate"] = "1";
        settings["Sagas:Activities:ChargePayment:Retry:InitialInterval"] = "00:00:01";
    });

    [Fact]
    public Task Without_faults_configured_a_delivery_succeeds_the_first_time() => RunAsync(Embedded, async orders =>
    {
        await orders.Host.OpenAccountsAsync([("alice", 100m)]);
        var attempts = new ChargeAttempts();
        using var observing = orders.Host.Bus.ConnectConsumeMessageObserver(attempts);
        var orderId = Guid.NewGuid();

        Assert.Equal(new PaymentCharged(orderId, 30m), await orders.ChargeAsync(orderId, "alice", 30m));

        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal([0], attempts.All.Select(x => x.Redelivery));
    });

    /// <summary>Each delivery of a charge (immediate retries are not seen here): which message, as first sent, and which delivery of it.</summary>
    sealed class ChargeAttempts : IConsumeMessageObserver<ChargePayment>
    {
        readonly ConcurrentQueue<(Guid? MessageId, int Redelivery)> _attempts = new();

        public IReadOnlyList<(Guid? MessageId, int Redelivery)> All => [.. _attempts];

        public Task PreConsume(ConsumeContext<ChargePayment> context)
        {
            _attempts.Enqueue((context.GetOriginalMessageId() ?? context.MessageId, context.GetRedeliveryCount()));
            return Task.CompletedTask;
        }

        public Task PostConsume(ConsumeContext<ChargePayment> context) => Task.CompletedTask;

        public Task ConsumeFault(ConsumeContext<ChargePayment> context, Exception exception) => Task.CompletedTask;
    }
}
