using MassTransit;
using Sagas.Contracts;
using Sagas.Durability.Compensation;
using Sagas.Durability.Sagas;
using Sagas.Orchestrator.Workflows.Fulfilments;
using FulfilmentHarness = Sagas.Tests.Infrastructure.StateMachineHarness<Sagas.Orchestrator.Workflows.Fulfilments.FulfilmentStateMachine, Sagas.Orchestrator.Workflows.Fulfilments.FulfilmentState>;

namespace Sagas.Tests.Orchestrator.Workflows.Fulfilments;

/// <summary>The parent's side of <see cref="FulfilmentStateMachine"/>: the children's notices are delivered by the test.</summary>
public class FulfilmentStateMachineTests
{
    static readonly Uri PaymentAddress = new("loopback://localhost/PaymentState");
    static readonly Uri ReservationAddress = new("loopback://localhost/ReservationState");

    [Fact]
    public async Task Both_children_start_at_once_and_both_succeeding_fulfils()
    {
        await using var t = await FulfilmentHarness.StartAsync();
        var (id, saga) = await StartAsync(t);

        var payment = t.Harness.Published.Select<StartPayment>(x => x.Context.Message.PaymentId == saga.PaymentId).Single();
        var reservation = t.Harness.Published.Select<StartReservation>(x => x.Context.Message.ReservationId == saga.ReservationId).Single();
        Assert.Equal(25m, payment.Context.Message.Amount);
        Assert.Equal(id.ToString(), payment.Context.Headers.Get<string>(ParentHeaders.ParentId));
        Assert.Equal(id.ToString(), reservation.Context.Headers.Get<string>(ParentHeaders.ParentId));

        await t.Deliver(Finished(id, saga.ReservationId, "Reserved", succeeded: true, ReservationAddress));
        await t.InState(id, x => x.AwaitingChildren);
        await t.Deliver(Finished(id, saga.PaymentId, "Charged", succeeded: true, PaymentAddress));

        await t.InState(id, x => x.Fulfilled);
        Assert.Equal(new FulfilmentCompleted(id, saga.PaymentId, saga.ReservationId), await t.Commanded<FulfilmentCompleted>(x => x.FulfilmentId == id));
        Assert.Empty(t.Commands<CompensateSaga>(_ => true));
    }

    [Fact]
    public async Task A_declined_payment_undoes_the_reservation_that_succeeded()
    {
        await using var t = await FulfilmentHarness.StartAsync();
        var (id, saga) = await StartAsync(t);

        await t.Deliver(Finished(id, saga.ReservationId, "Reserved", succeeded: true, ReservationAddress));
        await t.Deliver(Finished(id, saga.PaymentId, "Declined", succeeded: false, PaymentAddress));

        await t.InState(id, x => x.Compensating);
        var undo = t.Harness.Sent.Select<CompensateSaga>(x => x.Context.Message.CorrelationId == saga.ReservationId).Single();
        Assert.Equal(ReservationAddress, undo.Context.DestinationAddress);
        Assert.Empty(t.Commands<CompensateSaga>(x => x.CorrelationId == saga.PaymentId));

        await t.Deliver(new CompensationCompleted(id, "UndoReservation"));

        var failed = await t.InState(id, x => x.Failed);
        Assert.Equal("payment Declined", failed.FailureReason);
        Assert.Equal(new FulfilmentFailed(id, "payment Declined"), await t.Commanded<FulfilmentFailed>(x => x.FulfilmentId == id));
    }

    [Fact]
    public async Task Both_children_failing_leaves_nothing_to_undo()
    {
        await using var t = await FulfilmentHarness.StartAsync();
        var (id, saga) = await StartAsync(t);

        await t.Deliver(Finished(id, saga.PaymentId, "Declined", succeeded: false, PaymentAddress));
        await t.Deliver(Finished(id, saga.ReservationId, "Rejected", succeeded: false, ReservationAddress));

        var failed = await t.InState(id, x => x.Failed);
        Assert.Equal("payment Declined; reservation Rejected", failed.FailureReason);
        Assert.Empty(t.Commands<CompensateSaga>(_ => true));
    }

    [Fact]
    public async Task A_child_reported_twice_counts_once()
    {
        await using var t = await FulfilmentHarness.StartAsync();
        var (id, saga) = await StartAsync(t);

        await t.Deliver(Finished(id, saga.PaymentId, "Charged", succeeded: true, PaymentAddress));
        await t.Deliver(Finished(id, saga.PaymentId, "Charged", succeeded: true, PaymentAddress));

        var waiting = await t.InState(id, x => x.AwaitingChildren);
        Assert.Single(waiting.Compensations);
        Assert.Null(waiting.ReservationOutcome);
    }

    [Fact]
    public async Task An_undo_the_child_cannot_do_needs_attention()
    {
        await using var t = await FulfilmentHarness.StartAsync();
        var (id, saga) = await StartAsync(t);

        await t.Deliver(Finished(id, saga.PaymentId, "Charged", succeeded: true, PaymentAddress));
        await t.Deliver(Finished(id, saga.ReservationId, "Rejected", succeeded: false, ReservationAddress));
        await t.Commanded<CompensateSaga>(x => x.CorrelationId == saga.PaymentId);
        await t.Deliver(new CompensationFailed(id, "UndoPayment", "RefundPayment failed: merchant account closed"));

        var stuck = await t.InState(id, x => x.NeedsAttention);
        Assert.Equal("reservation Rejected; UndoPayment failed: RefundPayment failed: merchant account closed", stuck.FailureReason);
    }

    static async Task<(Guid, FulfilmentState)> StartAsync(FulfilmentHarness t)
    {
        var id = NewId.NextGuid();
        await t.Deliver(new StartFulfilment { FulfilmentId = id, CustomerId = "cust-1", Items = [new OrderLine { Sku = "mug", Quantity = 2, Price = 12.5m }] });
        return (id, await t.InState(id, x => x.AwaitingChildren));
    }

    static ChildSagaFinished Finished(Guid parent, Guid child, string state, bool succeeded, Uri address) =>
        new(parent, child, address == PaymentAddress ? nameof(PaymentState) : nameof(ReservationState), state, succeeded, address);
}
