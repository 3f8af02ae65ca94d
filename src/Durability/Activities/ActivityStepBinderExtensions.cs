using MassTransit;
using Sagas.Durability.Outbox;

namespace Sagas.Durability.Activities;

/// <summary>
/// A saga step that sends an activity its command and waits for the answer until a deadline, as
/// Temporal's start-to-close timeout does: no answer in time and the command is sent again
/// (activities are idempotent), until the step's attempts run out. The deadline is a column of
/// the saga's row, written with the transition, so a step costs no message and no timer row.
/// </summary>
public static class ActivityStepBinderExtensions
{
    /// <summary>Publishes the step's first command and sets its deadline (replacing any previous step's).</summary>
    public static EventActivityBinder<TSaga, TData> StartStep<TSaga, TData, TCommand>(this EventActivityBinder<TSaga, TData> binder,
        ActivitySteps steps, string step, Func<BehaviorContext<TSaga, TData>, TCommand> command)
        where TSaga : class, SagaStateMachineInstance, IActivityStepState
        where TData : class
        where TCommand : class =>
        binder.StartParallelStep(steps, step, x => new[] { command(x) });

    /// <summary>
    /// Publishes one command per branch of a parallel step (each branch answers on its own) and
    /// sets one deadline for them all: the step's start-to-close is the deadline of the whole fan-out.
    /// </summary>
    /// <param name="route">
    /// The route of each command (a provider, a region): with <c>Sagas:Activities:{Step}:RouteToTaskQueues</c>
    /// it goes to that route's task queue (<see cref="TaskQueues"/>) instead of the activity's shared queue.
    /// </param>
    public static EventActivityBinder<TSaga, TData> StartParallelStep<TSaga, TData, TCommand>(this EventActivityBinder<TSaga, TData> binder,
        ActivitySteps steps, string step, Func<BehaviorContext<TSaga, TData>, IEnumerable<TCommand>> commands, Func<TCommand, string>? route = null)
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
            .SendStep(steps, _ => step, commands, route);

    /// <summary>Publishes again the commands of the branches that have not answered, and sets the step's deadline anew.</summary>
    public static EventActivityBinder<TSaga, StepTimedOut> RetryParallelStep<TSaga, TCommand>(this EventActivityBinder<TSaga, StepTimedOut> binder,
        ActivitySteps steps, Func<BehaviorContext<TSaga, StepTimedOut>, IEnumerable<TCommand>> unanswered, Func<TCommand, string>? route = null)
        where TSaga : class, SagaStateMachineInstance, IActivityStepState
        where TCommand : class =>
        binder
            .Then(x => x.Saga.StepAttempt++)
            .SendStep(steps, x => x.Message.Step, unanswered, route);

    /// <summary>Publishes the timed-out step's command again, and sets its deadline anew.</summary>
    public static EventActivityBinder<TSaga, StepTimedOut> RetryStep<TSaga, TCommand>(this EventActivityBinder<TSaga, StepTimedOut> binder,
        ActivitySteps steps, Func<BehaviorContext<TSaga, StepTimedOut>, TCommand> command)
        where TSaga : class, SagaStateMachineInstance, IActivityStepState
        where TCommand : class =>
        binder.RetryParallelStep(steps, x => new[] { command(x) });

    /// <summary>The step answered (or the saga stops waiting): it has no deadline any more.</summary>
    public static EventActivityBinder<TSaga, TData> EndStep<TSaga, TData>(this EventActivityBinder<TSaga, TData> binder)
        where TSaga : class, SagaStateMachineInstance, IActivityStepState
        where TData : class =>
        binder.Then(x => x.Saga.EndStep());

    /// <summary>Forgets the step the saga waited on; its deadline, should it already be on its way, no longer matches.</summary>
    public static void EndStep(this IActivityStepState saga)
    {
        saga.CurrentStep = null;
        saga.StepDeadline = null;
    }

    /// <summary>True when the timeout is for the send the saga is waiting on; any other is stale.</summary>
    public static bool IsCurrentStep<TSaga>(this BehaviorContext<TSaga, StepTimedOut> context)
        where TSaga : class, SagaStateMachineInstance, IActivityStepState =>
        IsCurrent(context.Saga, context.Message);

    /// <summary>Why the saga stopped waiting, for its failure reason.</summary>
    public static string GaveUpReason<TSaga>(this BehaviorContext<TSaga, StepTimedOut> context)
        where TSaga : class, SagaStateMachineInstance, IActivityStepState =>
        $"{context.Message.Step} did not answer after {context.Saga.StepAttempt} attempts";

    /// <summary>The saga stops waiting on a step that never answered, and says so in its failure reason.</summary>
    /// <param name="describe">Puts the reason in the workflow's words (what not answering means for it).</param>
    public static EventActivityBinder<TSaga, StepTimedOut> GiveUp<TSaga>(this EventActivityBinder<TSaga, StepTimedOut> binder,
        Func<string, string>? describe = null)
        where TSaga : SteppingSagaInstance =>
        binder.Then(x =>
        {
            var reason = x.GaveUpReason();
            x.Saga.AddFailure(describe is null ? reason : describe(reason));
            x.Saga.EndStep();
        });

    /// <summary>
    /// A heartbeat of the current send of the current step: its progress is kept and its deadline
    /// pushed out by the heartbeat timeout, never past the step's start-to-close deadline.
    /// </summary>
    public static EventActivityBinder<TSaga, ActivityHeartbeat> RecordHeartbeat<TSaga>(this EventActivityBinder<TSaga, ActivityHeartbeat> binder,
        ActivitySteps steps)
        where TSaga : class, SagaStateMachineInstance, IHeartbeatStepState =>
        binder.If(x => x.Message.Step == x.Saga.CurrentStep && x.Message.Attempt == x.Saga.StepAttempt, current => current
            .Then(x =>
            {
                var now = steps.UtcNow;
                x.Saga.StepProgress = x.Message.Progress;
                x.Saga.LastHeartbeatAt = now;
                x.Saga.StepDeadline = now + NextDeadline(x.Saga, steps.For(x.Message.Step), now);
            }));

    internal static bool IsCurrent(IActivityStepState saga, StepTimedOut timeout) =>
        saga.CurrentStep == timeout.Step && saga.StepAttempt == timeout.Attempt;

    static TimeSpan NextDeadline(IHeartbeatStepState saga, ActivityStepOptions options, DateTime now)
    {
        var heartbeat = options.HeartbeatTimeout ?? options.StartToClose;
        if (saga.StepStartedAt is not { } started)
            return heartbeat;

        var closeIn = started + options.StartToClose - now;
        return closeIn < heartbeat ? (closeIn > TimeSpan.Zero ? closeIn : TimeSpan.Zero) : heartbeat;
    }

    static EventActivityBinder<TSaga, TData> SendStep<TSaga, TData, TCommand>(this EventActivityBinder<TSaga, TData> binder,
        ActivitySteps steps, Func<BehaviorContext<TSaga, TData>, string> step,
        Func<BehaviorContext<TSaga, TData>, IEnumerable<TCommand>> commands, Func<TCommand, string>? route)
        where TSaga : class, SagaStateMachineInstance, IActivityStepState
        where TData : class
        where TCommand : class =>
        binder.ThenAsync(async x =>
        {
            var (name, attempt, now) = (step(x), x.Saga.StepAttempt, steps.UtcNow);
            var options = steps.For(name);
            if (x.Saga is IHeartbeatStepState heartbeating)
                heartbeating.StepStartedAt = now;
            x.Saga.StepDeadline = now + FirstDeadline(options);

            void Stamp(SendContext send)
            {
                send.Headers.Set(StepHeaders.Step, name);
                send.Headers.Set(StepHeaders.Attempt, attempt);
                // Kept in the outbox until a worker's queue takes it, however late the worker starts.
                MustRoute.Mark(send);
                // An activity that answers with RespondAsync reaches this saga only, so one
                // activity can serve several workflows without their replies crossing.
                send.ResponseAddress = x.ReceiveContext.InputAddress;
            }

            foreach (var command in commands(x))
            {
                if (route is not null && options.RouteToTaskQueues)
                {
                    var queue = await x.GetSendEndpoint(steps.TaskQueue(typeof(TCommand), route(command))).ConfigureAwait(false);
                    await queue.Send(command, Pipe.Execute<SendContext<TCommand>>(Stamp)).ConfigureAwait(false);
                }
                else
                    await x.Publish(command, Pipe.Execute<PublishContext<TCommand>>(Stamp)).ConfigureAwait(false);
            }
        });

    /// <summary>A heartbeating step must show life within its heartbeat timeout, and finish within start-to-close.</summary>
    static TimeSpan FirstDeadline(ActivityStepOptions options) =>
        options.HeartbeatTimeout is { } heartbeat && heartbeat < options.StartToClose ? heartbeat : options.StartToClose;
}
