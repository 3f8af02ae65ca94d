using MassTransit;
using Sagas.Durability.Compensation;
using Sagas.Durability.Sagas;

namespace Sagas.Orchestrator.Workflows.Fulfilments;

static class FulfilmentBinderExtensions
{
    /// <summary>
    /// Keeps a child's outcome: a success is recorded as something to undo. Once both children
    /// answered, the fulfilment is done, or it undoes the successful child and fails.
    /// </summary>
    public static EventActivityBinder<FulfilmentState, ChildSagaFinished> Recorded(this EventActivityBinder<FulfilmentState, ChildSagaFinished> binder,
        string child) =>
        binder
            .If(x => x.Message.Succeeded, ok => ok.RecordChildCompensation(child))
            .If(x => !x.Message.Succeeded, failed => failed.Then(x => x.Saga.AddFailure($"{child.ToLowerInvariant()} {x.Message.State}")))
            .If(x => BothAnswered(x.Saga) && x.Saga.FailureReason is null, done => done.TransitionTo(Machine(done).Fulfilled))
            .If(x => BothAnswered(x.Saga) && x.Saga.FailureReason is not null, failed => failed.Compensate(x => x.Saga.FailureReason!, Machine(failed).Failed));

    static bool BothAnswered(FulfilmentState saga) => saga.PaymentOutcome is not null && saga.ReservationOutcome is not null;

    static FulfilmentStateMachine Machine(EventActivityBinder<FulfilmentState, ChildSagaFinished> binder) => (FulfilmentStateMachine)binder.StateMachine;
}
