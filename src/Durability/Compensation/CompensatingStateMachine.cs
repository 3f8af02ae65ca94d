using MassTransit;
using Sagas.Durability.Activities;
using Sagas.Durability.Sagas;

namespace Sagas.Durability.Compensation;

/// <summary>
/// A durable state machine whose steps record how to undo them. <c>Compensate</c> runs the undo
/// commands newest first, each a timed step re-sent until it answers; when all succeed the saga
/// ends in the state the workflow chose, and an undo that cannot succeed ends it in
/// <see cref="NeedsAttention"/> with the reason. A parent can ask a child to undo itself the same way.
/// </summary>
public abstract class CompensatingStateMachine<TSaga> : SteppingStateMachine<TSaga>
    where TSaga : SteppingSagaInstance, ICompensatingState
{
    protected CompensatingStateMachine(ActivitySteps steps, TimeProvider? clock = null)
        : base(steps, clock)
    {
        Event(() => CompensationCompleted, e => e.CorrelateById(m => m.Message.CorrelationId));
        Event(() => CompensationFailed, e => e.CorrelateById(m => m.Message.CorrelationId));
        Event(() => CompensateSaga, e =>
        {
            e.CorrelateById(m => m.Message.CorrelationId);
            // Forgotten (retention, or an operator's delete), nothing of it can be undone any more:
            // its parent hears so at once instead of waiting out the undo's deadline.
            e.OnMissingInstance(m => m.ExecuteAsync(CompensationReplies.AnswerForgottenAsync));
        });
        Event(() => CancelSaga, e =>
        {
            e.CorrelateById(m => m.Message.CorrelationId);
            e.OnMissingInstance(m => m.Discard());
        });
        Terminal(Compensated, NeedsAttention, Cancelled);
        Undoing(Compensating, NeedsAttention);

        DuringAny(
            When(CancelSaga, x => RefuseCancel(x.Saga) is null)
                .Compensate(x => $"cancelled: {x.Message.Reason}", Cancelled),
            Ignore(CancelSaga, x => RefuseCancel(x.Saga) is not null));

        During(Compensating,
            When(CompensationCompleted, x => IsCurrent(x.Saga, x.Message.Step))
                .Then(x => x.Saga.Compensations.RemoveAt(x.Saga.Compensations.Count - 1))
                .CompensateNext(),
            Ignore(CompensationCompleted, x => !IsCurrent(x.Saga, x.Message.Step)),
            When(CompensationFailed, x => IsCurrent(x.Saga, x.Message.Step))
                .Then(x => x.Saga.AddFailure($"{x.Message.Step} failed: {x.Message.Reason}"))
                .StopCompensating(),
            Ignore(CompensationFailed, x => !IsCurrent(x.Saga, x.Message.Step)),
            When(StepTimeout, x => x.IsCurrentStep())
                .IfElse(x => HasAttemptsLeft(x.Saga, steps),
                    retry => retry
                        .Then(x => x.Saga.StepAttempt++)
                        .SendCurrentCompensation(),
                    giveUp => giveUp
                        .Then(x => x.Saga.AddFailure(x.GaveUpReason()))
                        .StopCompensating()));

        // A parent's undo request: a saga still running or done compensates what it did; one that
        // already failed has nothing left to undo; one compensating answers when it finishes.
        DuringAny(
            When(CompensateSaga, x => IsUndoable(x.Saga))
                .Then(x => x.Saga.CompensationRequestStep = StepHeaders.Of(x)?.Step)
                .Compensate(_ => "compensated at the parent's request", Compensated),
            When(CompensateSaga, x => x.Saga.CurrentState == Compensating.Name)
                .Then(x => x.Saga.CompensationRequestStep = StepHeaders.Of(x)?.Step),
            When(CompensateSaga, x => x.Saga.CurrentState == NeedsAttention.Name)
                .Then(x => x.Saga.CompensationRequestStep = StepHeaders.Of(x)?.Step)
                .ThenAsync(x => x.AnswerParentAsync(failed: true)),
            When(CompensateSaga, x => x.Saga.CurrentState != NeedsAttention.Name && TerminalStates.Contains(x.Saga.CurrentState) && !SucceededStates.Contains(x.Saga.CurrentState))
                .Then(x => x.Saga.CompensationRequestStep = StepHeaders.Of(x)?.Step)
                .ThenAsync(x => x.AnswerParentAsync(failed: false)));
    }

    readonly HashSet<string> _compensationEnds = [];

    /// <summary>Where the last undo leads is chosen when compensation starts, so the definition alone does not show it.</summary>
    public override IEnumerable<SagaTransition> TransitionsChosenAtRunTime =>
        _compensationEnds.Order().Select(end => new SagaTransition(Compensating.Name, CompensationCompleted.Name, end));

    internal void AddCompensationEnd(State endIn) => _compensationEnds.Add(endIn.Name);

    // The setters below are protected, not private: MassTransit finds states and events by reflecting on
    // the derived machine, which cannot see a base class's private setter.

    /// <summary>Running the undo commands of the steps done so far.</summary>
    public State Compensating { get; protected set; } = null!;

    /// <summary>Undone at a parent's request.</summary>
    public State Compensated { get; protected set; } = null!;

    /// <summary>A step or its undo could not finish: a person must look at it.</summary>
    public State NeedsAttention { get; protected set; } = null!;

    /// <summary>Stopped on request, with every step done so far undone.</summary>
    public State Cancelled { get; protected set; } = null!;

    public Event<CompensationCompleted> CompensationCompleted { get; protected set; } = null!;
    public Event<CompensationFailed> CompensationFailed { get; protected set; } = null!;
    public Event<CompensateSaga> CompensateSaga { get; protected set; } = null!;
    public Event<CancelSaga> CancelSaga { get; protected set; } = null!;

    /// <summary>A running saga can be cancelled unless it is already undoing; a workflow narrows this where an undo is unsafe.</summary>
    public override string? RefuseCancel(TSaga saga) =>
        HasEnded(saga) ? $"it has already ended in {saga.CurrentState}"
        : saga.CurrentState == Compensating.Name ? "it is already undoing its steps"
        : null;

    bool IsUndoable(TSaga saga) =>
        saga.CurrentState != Compensating.Name && (!TerminalStates.Contains(saga.CurrentState) || SucceededStates.Contains(saga.CurrentState));

    static bool HasAttemptsLeft(TSaga saga, ActivitySteps steps) =>
        saga.Compensations.Count > 0 && saga.StepAttempt < steps.For(saga.Compensations[^1].StepSettings).MaxAttempts;

    static bool IsCurrent(TSaga saga, string step) =>
        saga.CurrentStep == step && saga.Compensations.Count > 0 && saga.Compensations[^1].Step == step;
}
