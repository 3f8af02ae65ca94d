using MassTransit;
using Sagas.Contracts;
using Sagas.Durability.Activities;
using Sagas.Durability.Compensation;
using Sagas.Orchestrator.Workflows.Orders;
using Sagas.Tests.Infrastructure;
using OrderHarness = Sagas.Tests.Infrastructure.StateMachineHarness<Sagas.Orchestrator.Workflows.Orders.OrderStateMachine, Sagas.Orchestrator.Workflows.Orders.OrderState>;

namespace Sagas.Tests.Orchestrator.Workflows.Orders;

/// <summary>Every path of <see cref="OrderStateMachine"/>, on MassTransit's in-memory test harness.</summary>
public class OrderStateMachineTests
{
    const string Customer = "cust-1";

    [Fact]
    public async Task An_order_that_goes_well_reserves_charges_ships_and_confirms()
    {
        await using var t = await OrderHarness.StartAsync();
        var id = await Shipping(t);

        await t.Deliver(new ShipmentCreated(id, "ship-1"));
        await t.Commanded<SendOrderConfirmation>(x => x.OrderId == id);
        await t.Deliver(new OrderConfirmationSent(id));

        var saga = await t.InState(id, x => x.Completed);
        Assert.Equal(35m, saga.Total);
        Assert.Equal(35m, saga.Charged);
        Assert.Equal("ship-1", saga.ShipmentId);
        Assert.Empty(saga.Compensations);
        Assert.NotNull(saga.CompletedAt);
        Assert.Equal(new OrderCompleted(id, 35m, "ship-1"), await t.Commanded<OrderCompleted>(x => x.OrderId == id));
        Assert.Empty(t.Commands<ReleaseInventory>(x => x.OrderId == id));
        Assert.Empty(t.Commands<RefundPayment>(x => x.OrderId == id));
    }

    [Fact]
    public async Task An_invalid_order_is_rejected_without_reserving()
    {
        await using var t = await OrderHarness.StartAsync();
        var id = NewId.NextGuid();

        await t.Deliver(new StartOrder { OrderId = id, CustomerId = Customer, Items = [new OrderLine { Sku = "a", Quantity = 0, Price = 1 }] });

        var saga = await t.InState(id, x => x.Rejected);
        Assert.Equal("items[0].quantity must be greater than zero", saga.FailureReason);
        Assert.Equal(new OrderFailed(id, "Rejected", saga.FailureReason!), await t.Commanded<OrderFailed>(x => x.OrderId == id));
        Assert.Empty(t.Commands<ReserveInventory>(x => x.OrderId == id));
    }

    [Fact]
    public async Task Out_of_stock_rejects_the_order_with_nothing_to_undo()
    {
        await using var t = await OrderHarness.StartAsync();
        var id = await Reserving(t);

        await t.Deliver(new InventoryRejected(id, OrderFailures.OutOfStock));

        var saga = await t.InState(id, x => x.Rejected);
        Assert.Equal(OrderFailures.OutOfStock, saga.FailureReason);
        Assert.Empty(saga.Compensations);
        Assert.Empty(t.Commands<ReleaseInventory>(x => x.OrderId == id));
        Assert.Empty(t.Commands<ChargePayment>(x => x.OrderId == id));
    }

    [Fact]
    public async Task A_declined_payment_releases_the_stock_and_charges_nothing_back()
    {
        await using var t = await OrderHarness.StartAsync();
        var id = await Charging(t);

        await t.Deliver(new PaymentDeclined(id, "InsufficientFunds"));
        await t.InState(id, x => x.Compensating);
        await t.Commanded<ReleaseInventory>(x => x.OrderId == id);
        await t.Deliver(new CompensationCompleted(id, nameof(ReleaseInventory)));

        var saga = await t.InState(id, x => x.PaymentFailed);
        Assert.Equal("InsufficientFunds", saga.FailureReason);
        Assert.Empty(t.Commands<RefundPayment>(x => x.OrderId == id));
        Assert.Equal(new OrderFailed(id, "PaymentFailed", "InsufficientFunds"), await t.Commanded<OrderFailed>(x => x.OrderId == id));
    }

    [Fact]
    public async Task A_failed_shipment_refunds_before_it_releases_the_stock()
    {
        await using var t = await OrderHarness.StartAsync();
        var id = await Shipping(t);

        await t.Deliver(new ShipmentRejected(id, OrderFailures.Unshippable));
        await t.Commanded<RefundPayment>(x => x.OrderId == id);
        // The next undo waits for the one before it to succeed.
        await Task.Delay(300);
        Assert.Empty(t.Commands<ReleaseInventory>(x => x.OrderId == id));

        await t.Deliver(new CompensationCompleted(id, nameof(RefundPayment)));
        await t.Commanded<ReleaseInventory>(x => x.OrderId == id);
        await t.Deliver(new CompensationCompleted(id, nameof(ReleaseInventory)));

        var saga = await t.InState(id, x => x.ShipmentFailed);
        Assert.Equal(OrderFailures.Unshippable, saga.FailureReason);
        Assert.Empty(saga.Compensations);
        Assert.Equal(new RefundPayment(id, Customer, 35m), t.Commands<RefundPayment>(x => x.OrderId == id).Single());
    }

    [Fact]
    public async Task Cancelling_while_reserving_releases_the_stock()
    {
        await using var t = await OrderHarness.StartAsync();
        var id = await Reserving(t);

        await t.Deliver(new CancelOrder(id, "changed my mind"));
        await t.Commanded<ReleaseInventory>(x => x.OrderId == id);
        await t.Deliver(new CompensationCompleted(id, nameof(ReleaseInventory)));

        var saga = await t.InState(id, x => x.Cancelled);
        Assert.Equal("cancelled: changed my mind", saga.FailureReason);
        Assert.Empty(t.Commands<RefundPayment>(x => x.OrderId == id));
        Assert.Empty(t.Commands<ChargePayment>(x => x.OrderId == id));
    }

    [Fact]
    public async Task Cancelling_while_charging_refunds_then_releases_and_ignores_a_late_charge()
    {
        await using var t = await OrderHarness.StartAsync();
        var id = await Charging(t);

        await t.Deliver(new CancelOrder(id));
        await t.Commanded<RefundPayment>(x => x.OrderId == id);
        await t.Deliver(new PaymentCharged(id, 35m));
        await t.Deliver(new CompensationCompleted(id, nameof(RefundPayment)));
        await t.Commanded<ReleaseInventory>(x => x.OrderId == id);
        await t.Deliver(new CompensationCompleted(id, nameof(ReleaseInventory)));

        var saga = await t.InState(id, x => x.Cancelled);
        Assert.Equal("cancelled: by request", saga.FailureReason);
        Assert.Empty(t.Commands<CreateShipment>(x => x.OrderId == id));
    }

    [Fact]
    public async Task Cancelling_once_shipping_started_is_refused_and_changes_nothing()
    {
        await using var t = await OrderHarness.StartAsync();
        var id = await Shipping(t);

        await t.Deliver(new CancelOrder(id));

        Assert.Equal(new OrderCancellationRefused(id, "the order is already shipping"), await t.Commanded<OrderCancellationRefused>(x => x.OrderId == id));
        await t.InState(id, x => x.Shipping);
        Assert.Empty(t.Commands<RefundPayment>(x => x.OrderId == id));
        Assert.Empty(t.Commands<ReleaseInventory>(x => x.OrderId == id));
    }

    [Fact]
    public async Task Cancelling_a_completed_order_is_refused()
    {
        await using var t = await OrderHarness.StartAsync();
        var id = await Shipping(t);
        await t.Deliver(new ShipmentCreated(id, "ship-9"));
        await t.Deliver(new OrderConfirmationSent(id));
        await t.InState(id, x => x.Completed);

        await t.Deliver(new CancelOrder(id));

        Assert.Equal("the order has shipped", (await t.Commanded<OrderCancellationRefused>(x => x.OrderId == id)).Reason);
        await t.InState(id, x => x.Completed);
    }

    [Fact]
    public async Task An_undo_that_cannot_succeed_needs_attention_and_stops_undoing()
    {
        await using var t = await OrderHarness.StartAsync();
        var id = await Shipping(t);

        await t.Deliver(new ShipmentRejected(id, OrderFailures.Unshippable));
        await t.Commanded<RefundPayment>(x => x.OrderId == id);
        await t.Deliver(new CompensationFailed(id, nameof(RefundPayment), "merchant account closed"));

        var saga = await t.InState(id, x => x.NeedsAttention);
        Assert.Equal("Unshippable; RefundPayment failed: merchant account closed", saga.FailureReason);
        Assert.Equal(saga.FailureReason, (await t.Commanded<OrderNeedsAttention>(x => x.OrderId == id)).Reason);
        Assert.Empty(t.Commands<ReleaseInventory>(x => x.OrderId == id));
        Assert.Equal(2, saga.Compensations.Count);
    }

    [Fact]
    public async Task An_unanswered_undo_is_sent_again_until_it_answers()
    {
        await using var t = await OrderHarness.StartAsync(Steps(TimeSpan.FromMilliseconds(500), maxAttempts: 5, nameof(ReleaseInventory)));
        var id = await Charging(t);

        await t.Deliver(new PaymentDeclined(id, "InsufficientFunds"));
        await t.Commanded<ReleaseInventory>(x => x.OrderId == id, count: 2);
        await t.Deliver(new CompensationCompleted(id, nameof(ReleaseInventory)));

        var saga = await t.InState(id, x => x.PaymentFailed);
        Assert.True(saga.StepAttempt >= 2);
        Assert.Null(saga.StepDeadline);
    }

    [Fact]
    public async Task An_undo_that_never_answers_needs_attention()
    {
        await using var t = await OrderHarness.StartAsync(Steps(TimeSpan.FromMilliseconds(300), maxAttempts: 2, nameof(RefundPayment)));
        var id = await Charging(t);

        await t.Deliver(new CancelOrder(id));

        var saga = await t.InState(id, x => x.NeedsAttention);
        Assert.Equal("cancelled: by request; RefundPayment did not answer after 2 attempts", saga.FailureReason);
        Assert.Equal(2, t.Commands<RefundPayment>(x => x.OrderId == id).Count);
    }

    [Fact]
    public async Task A_payment_that_never_answers_is_undone_as_failed()
    {
        await using var t = await OrderHarness.StartAsync(Steps(TimeSpan.FromMilliseconds(300), maxAttempts: 2, nameof(ChargePayment)));
        var id = await Charging(t);

        await t.Commanded<ChargePayment>(x => x.OrderId == id, count: 2);
        await t.Commanded<RefundPayment>(x => x.OrderId == id);
        await t.Deliver(new CompensationCompleted(id, nameof(RefundPayment)));
        await t.Commanded<ReleaseInventory>(x => x.OrderId == id);
        await t.Deliver(new CompensationCompleted(id, nameof(ReleaseInventory)));

        var saga = await t.InState(id, x => x.PaymentFailed);
        Assert.Equal("ChargePayment did not answer after 2 attempts", saga.FailureReason);
    }

    [Fact]
    public async Task A_lost_confirmation_still_completes_the_order()
    {
        await using var t = await OrderHarness.StartAsync(Steps(TimeSpan.FromMilliseconds(300), maxAttempts: 2, nameof(SendOrderConfirmation)));
        var id = await Shipping(t);

        await t.Deliver(new ShipmentCreated(id, "ship-2"));

        var saga = await t.InState(id, x => x.Completed);
        Assert.Equal("confirmation not sent: SendOrderConfirmation did not answer after 2 attempts", saga.FailureReason);
        Assert.Equal(2, t.Commands<SendOrderConfirmation>(x => x.OrderId == id).Count);
    }

    static async Task<Guid> Reserving(OrderHarness t)
    {
        var id = NewId.NextGuid();
        await t.Deliver(new StartOrder
        {
            OrderId = id,
            CustomerId = Customer,
            Items = [new OrderLine { Sku = "mug", Quantity = 2, Price = 12.5m }, new OrderLine { Sku = "tea", Quantity = 1, Price = 10m }],
        });
        await t.InState(id, x => x.Reserving);
        Assert.Equal(2, (await t.Commanded<ReserveInventory>(x => x.OrderId == id)).Items.Count);
        return id;
    }

    static async Task<Guid> Charging(OrderHarness t)
    {
        var id = await Reserving(t);
        await t.Deliver(new InventoryReserved(id));
        await t.InState(id, x => x.Charging);
        Assert.Equal(new ChargePayment(id, Customer, 35m), await t.Commanded<ChargePayment>(x => x.OrderId == id));
        return id;
    }

    static async Task<Guid> Shipping(OrderHarness t)
    {
        var id = await Charging(t);
        await t.Deliver(new PaymentCharged(id, 35m));
        await t.InState(id, x => x.Shipping);
        await t.Commanded<CreateShipment>(x => x.OrderId == id);
        return id;
    }

    /// <summary>Short timers for <paramref name="steps"/> only; the others wait long enough for the test to answer them.</summary>
    static IReadOnlyDictionary<string, ActivityStepOptions> Steps(TimeSpan startToClose, int maxAttempts, params string[] steps) =>
        steps.ToDictionary(step => step, _ => new ActivityStepOptions { StartToClose = startToClose, MaxAttempts = maxAttempts });
}
