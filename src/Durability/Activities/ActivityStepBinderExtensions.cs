using MassTransit;

namespace Sagas.Durability.Activities;

/// <summary>
/// A saga step that sends an activity its command and waits for the answer under a timer, as
/// Temporal's start-to-close timeout does: no answer in time and the command is sent again
/// (activities are idempotent), until the step's attempts run out.
/// </summary>
public static class ActivityStepBinderExtensions
{
    /// <summary>Publishes the step's first command and starts its timer (replacing any previous step's).</summary>
    public static EventActivityBinder<TSaga, TData> StartStep<TSaga, TData, TCommand>(this EventActivityBinder<TSaga, TData> binder,
        Schedule<TSaga, StepTimedOut> timeout, ActivitySteps steps, string step, Func<BehaviorContext<TSaga, TData>, TCommand> command)
        where TSaga : class, SagaStateMachineInstance, IActivityStepState
        where TData : class
        where TCommand : class =>
        binder.StartParallelStep(timeout, steps, step, x => new[] { command(x) });

    /// <summary>
    /// Publishes one command per branch of a parallel step (each branch answers on its own) and
    /// starts one timer for them all: the step's start-to-close is the deadline of the whole fan-out.
    /// </summary>
    public static EventActivityBinder<TSaga, TData> StartParallelStep<TSaga, TData, TCommand>(this EventActivityBinder<TSaga, TData> binder,
        Schedule<TSaga, StepTimedOut> timeout, ActivitySteps steps, string step, Func<BehaviorContext<TSaga, TData>, IEnumerable<TCommand>> commands)
        where TSaga : class, SagaStateMachineInstance, IActivityStepState
        where TData : class
        where TCommand : class =>
        binder
            .Then(x =>
            {
                x.Saga.CurrentStep = step;
                x.Saga.StepAttempt = 1;
                if (x.Saga is IHeartbeatStepState heartbeating)
                {
                    heartbeating.StepProgress = null;
                    heartbeating.LastHeartbeatAt = null;
                }
            })
            .SendStep(timeout, steps, _ => step, commands);

    /// <summary>Publishes again the commands of the branches that have not answered, and restarts the step's timer.</summary>
    public static EventActivityBinder<TSaga, StepTimedOut> RetryParallelStep<TSaga, TCommand>(this EventActivityBinder<TSaga, StepTimedOut> binder,
        Schedule<TSaga, StepTimedOut> timeout, ActivitySteps steps, Func<BehaviorContext<TSaga, StepTimedOut>, IEnumerable<TCommand>> unanswered)
        where TSaga : class, SagaStateMachineInstance, IActivityStepState
        where TCommand : class =>
        binder
            .Then(x => x.Saga.StepAttempt++)
            .SendStep(timeout, steps, x => x.Message.Step, unanswered);

    /// <summary>Publishes the timed-out step's command again, and restarts its timer.</summary>
    public static EventActivityBinder<TSaga, StepTimedOut> RetryStep<TSaga, TCommand>(this EventActivityBinder<TSaga, StepTimedOut> binder,
        Schedule<TSaga, StepTimedOut> timeout, ActivitySteps steps, Func<BehaviorContext<TSaga, StepTimedOut>, TCommand> command)
        where TSaga : class, SagaStateMachineInstance, IActivityStepState
        where TCommand : class =>
        binder.RetryParallelStep(timeout, steps, x => new[] { command(x) });

    /// <summary>The step answered (or the saga stops waiting): its timer is cancelled.</summary>
    public static EventActivityBinder<TSaga, TData> EndStep<TSaga, TData>(this EventActivityBinder<TSaga, TData> binder, Schedule<TSaga, StepTimedOut> timeout)
        where TSaga : class, SagaStateMachineInstance, IActivityStepState
        where TData : class =>
        binder
            .Then(x => x.Saga.CurrentStep = null)
            .Unschedule(timeout);

    /// <summary>True while the timed-out step may be sent again.</summary>
    public static bool HasAttemptsLeft<TSaga>(this BehaviorContext<TSaga, StepTimedOut> context, ActivitySteps steps)
        where TSaga : class, SagaStateMachineInstance, IActivityStepState =>
        context.Saga.StepAttempt < steps.For(context.Message.Step).MaxAttempts;

    /// <summary>Why the saga stopped waiting, for its failure reason.</summary>
    public static string GaveUpReason<TSaga>(this BehaviorContext<TSaga, StepTimedOut> context)
        where TSaga : class, SagaStateMachineInstance, IActivityStepState =>
        $"{context.Message.Step} did not answer after {context.Saga.StepAttempt} attempts";

    /// <summary>
    /// A heartbeat of the current send of the current step: its progress is kept and its timer
    /// pushed out by the heartbeat timeout, never past the step's start-to-close deadline.
    /// </summary>
    public static EventActivityBinder<TSaga, ActivityHeartbeat> RecordHeartbeat<TSaga>(this EventActivityBinder<TSaga, ActivityHeartbeat> binder,
        Schedule<TSaga, StepTimedOut> timeout, ActivitySteps steps)
        where TSaga : class, SagaStateMachineInstance, IHeartbeatStepState =>
        binder.If(x => x.Message.Step == x.Saga.CurrentStep && x.Message.Attempt == x.Saga.StepAttempt, current => current
            .Then(x =>
            {
                x.Saga.StepProgress = x.Message.Progress;
                x.Saga.LastHeartbeatAt = DateTime.UtcNow;
            })
            .Schedule(timeout, x => new StepTimedOut(x.Saga.CorrelationId, x.Message.Step, x.Saga.StepAttempt), x => NextDeadline(x, steps)));

    static TimeSpan NextDeadline<TSaga>(BehaviorContext<TSaga, ActivityHeartbeat> context, ActivitySteps steps)
        where TSaga : class, SagaStateMachineInstance, IHeartbeatStepState
    {
        var options = steps.For(context.Message.Step);
        var heartbeat = options.HeartbeatTimeout ?? options.StartToClose;
        if (context.Saga.StepStartedAt is not { } started)
            return heartbeat;

        var closeIn = started + options.StartToClose - DateTime.UtcNow;
        return closeIn < heartbeat ? (closeIn > TimeSpan.Zero ? closeIn : TimeSpan.Zero) : heartbeat;
    }

    static EventActivityBinder<TSaga, TData> SendStep<TSaga, TData, TCommand>(this EventActivityBinder<TSaga, TData> binder,
        Schedule<TSaga, StepTimedOut> timeout, ActivitySteps steps, Func<BehaviorContext<TSaga, TData>, string> step,
        Func<BehaviorContext<TSaga, TData>, IEnumerable<TCommand>> commands)
        where TSaga : class, SagaStateMachineInstance, IActivityStepState
        where TData : class
        where TCommand : class =>
        binder
            .ThenAsync(async x =>
            {
                if (x.Saga is IHeartbeatStepState heartbeating)
                    heartbeating.StepStartedAt = DateTime.UtcNow;

                var (name, attempt) = (step(x), x.Saga.StepAttempt);
                foreach (var command in commands(x))
                {
                    await x.Publish(command, publish =>
                    {
                        publish.Headers.Set(StepHeaders.Step, name);
                        publish.Headers.Set(StepHeaders.Attempt, attempt);
                        // An activity that answers with RespondAsync reaches this saga only, so one
                        // activity can serve several workflows without their replies crossing.
                        publish.ResponseAddress = x.ReceiveContext.InputAddress;
                    }).ConfigureAwait(false);
                }
            })
            .Schedule(timeout, x => new StepTimedOut(x.Saga.CorrelationId, step(x), x.Saga.StepAttempt), x => FirstDeadline(steps.For(step(x))));

    /// <summary>A heartbeating step must show life within its heartbeat timeout, and finish within start-to-close.</summary>
    static TimeSpan FirstDeadline(ActivityStepOptions options) =>
        options.HeartbeatTimeout is { } heartbeat && heartbeat < options.StartToClose ? heartbeat : options.StartToClose;
}
