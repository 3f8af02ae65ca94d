using MassTransit;
using Sagas.Contracts;
using Sagas.Durability.Activities;
using Sagas.Durability.Compensation;

namespace Sagas.Orchestrator.Workflows.Fulfilments;

/// <summary>A fulfilment's inventory child: reserve the stock; the parent may later ask for it to be released.</summary>
public class ReservationStateMachine : CompensatingStateMachine<ReservationState>
{
    public const string ReserveStep = "ReserveInventory";

    public ReservationStateMachine(ActivitySteps steps)
        : base(steps)
    {
        Event(() => StartReservation, e => e.CorrelateById(m => m.Message.ReservationId));
        Event(() => InventoryReserved, e => e.CorrelateById(m => m.Message.OrderId));
        Event(() => InventoryRejected, e => e.CorrelateById(m => m.Message.OrderId));
        Succeeded(Reserved);
        Terminal(Rejected);

        Initially(
            When(StartReservation)
                .Then(x => x.Saga.Items = x.Message.Items.ToList())
                .RecordCompensation(ReserveStep, x => new ReleaseInventory(x.Saga.CorrelationId))
                .StartStep(steps, ReserveStep, x => Reserve(x.Saga))
                .TransitionTo(Reserving));

        During(Reserving,
            When(InventoryReserved)
                .EndStep()
                .TransitionTo(Reserved),
            When(InventoryRejected)
                .EndStep()
                .ForgetCompensation(ReserveStep)
                .Then(x => x.Saga.FailureReason = x.Message.Reason)
                .TransitionTo(Rejected),
            RetryOrGiveUp(x => Reserve(x.Saga), giveUp => giveUp.Compensate(x => x.GaveUpReason(), Rejected)));
    }

    public State Reserving { get; private set; } = null!;
    public State Reserved { get; private set; } = null!;
    public State Rejected { get; private set; } = null!;

    public Event<StartReservation> StartReservation { get; private set; } = null!;
    public Event<InventoryReserved> InventoryReserved { get; private set; } = null!;
    public Event<InventoryRejected> InventoryRejected { get; private set; } = null!;

    static ReserveInventory Reserve(ReservationState saga) => new(saga.CorrelationId, saga.Items);
}
