using MassTransit;
using Sagas.Contracts;
using Sagas.Durability.Activities;
using Sagas.Durability.Compensation;
using Sagas.Durability.Sagas;
using Sagas.Orchestrator.Workflows.Orders;

namespace Sagas.Orchestrator.Workflows.Fulfilments;

/// <summary>
/// Starts a payment child and a reservation child at once and waits for both. Both succeeded:
/// fulfilled. One failed: the one that succeeded is asked to undo itself, and the fulfilment fails.
/// </summary>
public class FulfilmentStateMachine : CompensatingStateMachine<FulfilmentState>
{
    public const string PaymentChild = "Payment";
    public const string ReservationChild = "Reservation";

    public FulfilmentStateMachine(ActivitySteps steps)
        : base(steps)
    {
        Event(() => StartFulfilment, e => e.CorrelateById(m => m.Message.FulfilmentId));
        Event(() => ChildFinished, e => e.CorrelateById(m => m.Message.ParentId));
        Succeeded(Fulfilled);
        Terminal(Failed);

        Initially(
            WhenStarted(StartFulfilment, Problem,
                valid => valid
                    .Then(x => Start(x.Saga, x.Message))
                    .StartChild(x => new StartPayment(x.Saga.PaymentId, x.Saga.CustomerId, x.Saga.Total))
                    .StartChild(x => new StartReservation(x.Saga.ReservationId, x.Saga.Items))
                    .TransitionTo(AwaitingChildren),
                invalid => invalid
                    .TransitionTo(Failed)));

        During(AwaitingChildren,
            When(ChildFinished, x => x.Message.ChildId == x.Saga.PaymentId && x.Saga.PaymentOutcome is null)
                .Then(x => x.Saga.PaymentOutcome = x.Message.State)
                .Recorded(PaymentChild),
            When(ChildFinished, x => x.Message.ChildId == x.Saga.ReservationId && x.Saga.ReservationOutcome is null)
                .Then(x => x.Saga.ReservationOutcome = x.Message.State)
                .Recorded(ReservationChild));

        WhenEnter(Fulfilled, x => x.Publish(x => new FulfilmentCompleted(x.Saga.CorrelationId, x.Saga.PaymentId, x.Saga.ReservationId)));
        WhenEnter(Failed, x => x.Publish(x => new FulfilmentFailed(x.Saga.CorrelationId, x.Saga.FailureReason ?? "")));

        // A child that ended at this saga's request tells it once more, as a child that finished:
        // that is ignored, as any event a state does not handle.
    }

    public State AwaitingChildren { get; private set; } = null!;
    public State Fulfilled { get; private set; } = null!;
    public State Failed { get; private set; } = null!;

    public Event<StartFulfilment> StartFulfilment { get; private set; } = null!;
    public Event<ChildSagaFinished> ChildFinished { get; private set; } = null!;

    static string? Problem(StartFulfilment message) =>
        OrderValidation.Problem(new StartOrder { OrderId = message.FulfilmentId, CustomerId = message.CustomerId, Items = message.Items });

    static void Start(FulfilmentState saga, StartFulfilment message)
    {
        saga.CustomerId = message.CustomerId;
        saga.Items = message.Items.ToList();
        saga.Total = OrderValidation.Total(saga.Items);
        saga.PaymentId = NewId.NextGuid();
        saga.ReservationId = NewId.NextGuid();
    }
}
