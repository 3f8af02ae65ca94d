using MassTransit;
using Sagas.Durability.Sagas;

namespace Sagas.Durability.Activities;

/// <summary>
/// A durable state machine whose steps are activities: each step's command is sent with a deadline
/// (see <see cref="ActivityStepBinderExtensions"/>), and a passed deadline raises <see cref="StepTimeout"/>,
/// on which the step is sent again while it has attempts left, and given up on after. A step's
/// activity may heartbeat (<see cref="ActivityHeartbeats"/>) in any state: its progress is kept, for
/// a send after a timeout to resume from, and its deadline pushed out by the heartbeat timeout.
/// </summary>
public abstract class SteppingStateMachine<TSaga> : DurableStateMachine<TSaga>
    where TSaga : SteppingSagaInstance
{
    protected SteppingStateMachine(ActivitySteps steps, TimeProvider? clock = null)
        : base(clock)
    {
        Steps = steps;
        Event(() => StepTimeout, e =>
        {
            e.CorrelateById(m => m.Message.CorrelationId);
            e.OnMissingInstance(m => m.Discard());
        });
        Event(() => StepHeartbeat, e =>
        {
            e.CorrelateById(m => m.Message.CorrelationId);
            e.OnMissingInstance(m => m.Discard());
        });
        DuringAny(When(StepHeartbeat).RecordHeartbeat(steps));
    }

    /// <summary>The step settings (attempts, start-to-close) by activity name.</summary>
    protected internal ActivitySteps Steps { get; }

    /// <summary>
    /// The deadline of the step the saga waits on has passed (see <see cref="StepDeadlineSweeper{TContext}"/>).
    /// A timeout of a send the saga no longer waits on (answered, sent again, or the saga moved on) matches nothing.
    /// </summary>
    public Event<StepTimedOut> StepTimeout { get; protected set; } = null!;

    /// <summary>The current step's activity is alive, and this far along; a beat of an earlier send or step changes nothing.</summary>
    public Event<ActivityHeartbeat> StepHeartbeat { get; protected set; } = null!;

    /// <summary>
    /// Gives a step its settings in the workflow's code (start-to-close, heartbeat timeout, attempts);
    /// <c>Sagas:Activities:{step}</c> can still override each of them for a deployment.
    /// </summary>
    protected void DeclareStep(string step, ActivityStepOptions settings) => Steps.Declare(step, settings);

    /// <summary>
    /// When the current step does not answer in time, it is sent again while it has attempts left;
    /// after the last one <paramref name="giveUp"/> says what the saga does instead: stop waiting
    /// (<see cref="ActivityStepBinderExtensions.GiveUp{TSaga}"/>) and end, or undo its steps.
    /// </summary>
    protected EventActivities<TSaga> RetryOrGiveUp<TCommand>(Func<BehaviorContext<TSaga, StepTimedOut>, TCommand> retry,
        Func<EventActivityBinder<TSaga, StepTimedOut>, EventActivityBinder<TSaga, StepTimedOut>> giveUp)
        where TCommand : class =>
        RetryOrGiveUp(x => new[] { retry(x) }, giveUp, route: null);

    /// <summary>The same for a step of several branches: only those that have not answered are sent again.</summary>
    protected EventActivities<TSaga> RetryOrGiveUp<TCommand>(Func<BehaviorContext<TSaga, StepTimedOut>, IEnumerable<TCommand>> unanswered,
        Func<EventActivityBinder<TSaga, StepTimedOut>, EventActivityBinder<TSaga, StepTimedOut>> giveUp, Func<TCommand, string>? route = null)
        where TCommand : class =>
        When(StepTimeout, x => x.IsCurrentStep())
            .IfElse(x => x.Saga.StepAttempt < Steps.For(x.Message.Step).MaxAttempts,
                retry => retry.RetryParallelStep(Steps, unanswered, route),
                giveUp);

    /// <summary>When the current step does not answer in time it is sent again, for as long as the saga waits on it.</summary>
    protected EventActivities<TSaga> RetryUntilAnswered<TCommand>(Func<BehaviorContext<TSaga, StepTimedOut>, TCommand> retry)
        where TCommand : class =>
        When(StepTimeout, x => x.IsCurrentStep())
            .RetryStep(Steps, retry);
}
