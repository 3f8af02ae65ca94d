using Sagas.ActivityWorkers.Payments;
using Sagas.Contracts;
using Sagas.Durability.Compensation;
using static Sagas.Tests.ActivityWorkers.OrderActivityStack;

namespace Sagas.Tests.ActivityWorkers.Payments;

/// <summary>Charges and refunds move real money in the ledger, each leg once, whatever is sent again.</summary>
public sealed class PaymentActivityTests
{
    [Theory]
    [InlineData(Embedded)]
    [InlineData(Real)]
    public Task A_charge_then_a_refund_restores_both_balances(string stack) => RunAsync(stack, async orders =>
    {
        await orders.Host.OpenAccountsAsync([("alice", 100m)]);
        var orderId = Guid.NewGuid();

        Assert.Equal(new PaymentCharged(orderId, 30m), await orders.ChargeAsync(orderId, "alice", 30m));
        Assert.Equal(new PaymentCharged(orderId, 30m), await orders.ChargeAsync(orderId, "alice", 30m));
        Assert.Equal((70m, 30m), (await orders.BalanceAsync("alice"), await orders.BalanceAsync("merchant")));
        Assert.Equal(PaymentStatus.Charged, (await orders.PaymentAsync(orderId))!.Status);

        Assert.IsType<CompensationCompleted>(await orders.RefundAsync(orderId, "alice", 30m));
        Assert.IsType<CompensationCompleted>(await orders.RefundAsync(orderId, "alice", 30m));
        Assert.Equal((100m, 0m), (await orders.BalanceAsync("alice"), await orders.BalanceAsync("merchant")));
        Assert.Equal(PaymentStatus.Refunded, (await orders.PaymentAsync(orderId))!.Status);
        Assert.Equal([-30m, 30m, -30m, 30m], (await orders.EntriesAsync(orderId)).Select(x => x.Amount));

        // A charge sent again after its refund answers as the first did and moves nothing.
        Assert.Equal(new PaymentCharged(orderId, 30m), await orders.ChargeAsync(orderId, "alice", 30m));
        Assert.Equal((100m, 0m), (await orders.BalanceAsync("alice"), await orders.BalanceAsync("merchant")));
    });

    [Theory]
    [InlineData(Embedded)]
    [InlineData(Real)]
    public Task A_refund_before_any_charge_voids_the_payment_so_the_late_charge_is_declined(string stack) => RunAsync(stack, async orders =>
    {
        await orders.Host.OpenAccountsAsync([("alice", 100m)]);
        var orderId = Guid.NewGuid();

        Assert.IsType<CompensationCompleted>(await orders.RefundAsync(orderId, "alice", 30m));
        Assert.Equal(PaymentStatus.Voided, (await orders.PaymentAsync(orderId))!.Status);

        Assert.Equal(new PaymentDeclined(orderId, OrderFailures.Voided), await orders.ChargeAsync(orderId, "alice", 30m));
        Assert.Equal(100m, await orders.BalanceAsync("alice"));
        Assert.Empty(await orders.EntriesAsync(orderId));
    });

    [Theory]
    [InlineData(Embedded)]
    [InlineData(Real)]
    public Task A_charge_the_customer_cannot_pay_is_declined_for_good(string stack) => RunAsync(stack, async orders =>
    {
        await orders.Host.OpenAccountsAsync([("alice", 10m), ("shop", 0m)]);
        var (poor, stranger) = (Guid.NewGuid(), Guid.NewGuid());

        Assert.Equal(new PaymentDeclined(poor, LedgerFailures.InsufficientFunds), await orders.ChargeAsync(poor, "alice", 30m));
        Assert.Equal(new PaymentDeclined(stranger, LedgerFailures.AccountNotFound), await orders.ChargeAsync(stranger, "nobody", 30m));

        await orders.Host.OpenAccountsAsync([("nobody", 100m)]);
        Assert.Equal(new PaymentDeclined(stranger, LedgerFailures.AccountNotFound), await orders.ChargeAsync(stranger, "nobody", 30m));
        Assert.Equal((10m, 100m, 0m), (await orders.BalanceAsync("alice"), await orders.BalanceAsync("nobody"), await orders.BalanceAsync("shop")));
        Assert.Empty(await orders.EntriesAsync(poor));
        Assert.Empty(await orders.EntriesAsync(stranger));

        // Nothing was charged, so the undo has nothing to give back.
        Assert.IsType<CompensationCompleted>(await orders.RefundAsync(poor, "alice", 30m));
        Assert.Equal(PaymentStatus.Declined, (await orders.PaymentAsync(poor))!.Status);
        Assert.Equal(10m, await orders.BalanceAsync("alice"));
    }, settings => settings["Sagas:Activities:ChargePayment:MerchantAccount"] = "shop");
}
