using MassTransit;
using Sagas.Contracts;
using Sagas.Durability.Compensation;
using Sagas.Durability.Sagas;
using OrderHarness = Sagas.Tests.Infrastructure.StateMachineHarness<Sagas.Orchestrator.Workflows.Orders.OrderStateMachine, Sagas.Orchestrator.Workflows.Orders.OrderState>;
using TransferHarness = Sagas.Tests.Infrastructure.StateMachineHarness<Sagas.Orchestrator.Workflows.Transfers.TransferStateMachine, Sagas.Orchestrator.Workflows.Transfers.TransferState>;

namespace Sagas.Tests.Operations.Visibility;

/// <summary>The generic operator controls every durable state machine inherits: terminate, and cancel where undoing is safe.</summary>
public class OperatorControlStateMachineTests
{
    [Fact]
    public async Task Terminating_stops_a_saga_where_it_stands_undoing_nothing_and_late_answers_are_ignored()
    {
        await using var t = await OrderHarness.StartAsync();
        var id = await Charging(t);

        await t.Deliver(new TerminateSaga(id, "stuck on a bad card"));
        var saga = await t.InState(id, x => x.Terminated);
        Assert.Equal("stuck on a bad card", saga.TerminationReason);
        Assert.NotNull(saga.CompletedAt);

        var late = await t.Deliver(new PaymentCharged(id, 35m));
        Assert.Null(late.Exception);
        await t.InState(id, x => x.Terminated);
        Assert.Empty(t.Commands<RefundPayment>(x => x.OrderId == id));
        Assert.Empty(t.Commands<CreateShipment>(x => x.OrderId == id));
    }

    [Fact]
    public async Task Terminating_an_ended_saga_changes_nothing()
    {
        await using var t = await OrderHarness.StartAsync();
        var id = await Charging(t);
        await t.Deliver(new PaymentDeclined(id, "declined"));
        await t.Deliver(new CompensationCompleted(id, nameof(ReleaseInventory)));
        await t.InState(id, x => x.PaymentFailed);

        await t.Deliver(new TerminateSaga(id, "too late"));

        var saga = await t.InState(id, x => x.PaymentFailed);
        Assert.Null(saga.TerminationReason);
    }

    [Fact]
    public async Task The_generic_cancel_undoes_a_running_order_newest_first()
    {
        await using var t = await OrderHarness.StartAsync();
        var id = await Charging(t);

        await t.Deliver(new CancelSaga(id, "operator"));
        await t.Commanded<RefundPayment>(x => x.OrderId == id);
        Assert.Empty(t.Commands<ReleaseInventory>(x => x.OrderId == id));
        await t.Deliver(new CompensationCompleted(id, nameof(RefundPayment)));
        await t.Commanded<ReleaseInventory>(x => x.OrderId == id);
        await t.Deliver(new CompensationCompleted(id, nameof(ReleaseInventory)));

        var saga = await t.InState(id, x => x.Cancelled);
        Assert.Equal("cancelled: operator", saga.FailureReason);
    }

    [Fact]
    public async Task The_generic_cancel_respects_the_workflows_own_refusal()
    {
        await using var t = await OrderHarness.StartAsync();
        var id = await Charging(t);
        await t.Deliver(new PaymentCharged(id, 35m));
        var shipping = await t.InState(id, x => x.Shipping);
        Assert.Equal("the order is already shipping", t.Machine.RefuseCancel(shipping));

        await t.Deliver(new CancelSaga(id, "operator"));

        await t.InState(id, x => x.Shipping);
        Assert.Empty(t.Commands<RefundPayment>(x => x.OrderId == id));
    }

    [Fact]
    public async Task A_transfer_refuses_the_generic_cancel_because_its_refund_could_pay_twice()
    {
        await using var t = await TransferHarness.StartAsync();
        var id = NewId.NextGuid();
        await t.Deliver(new StartTransfer { TransferId = id, FromAccount = "a", ToAccount = "b", Amount = 5 });
        var saga = await t.InState(id, x => x.Withdrawing);
        Assert.NotNull(t.Machine.RefuseCancel(saga));

        await t.Deliver(new CancelSaga(id, "operator"));

        await t.InState(id, x => x.Withdrawing);
        Assert.Empty(t.Commands<Refund>(x => x.TransferId == id));
    }

    static async Task<Guid> Charging(OrderHarness t)
    {
        var id = NewId.NextGuid();
        await t.Deliver(new StartOrder { OrderId = id, CustomerId = "c", Items = [new OrderLine { Sku = "a", Quantity = 1, Price = 35 }] });
        await t.Deliver(new InventoryReserved(id));
        await t.InState(id, x => x.Charging);
        return id;
    }
}
