using MassTransit;
using Sagas.Durability.Activities;
using Sagas.Durability.Outbox;
using Sagas.Durability.Sagas;

namespace Sagas.Durability.Compensation;

public static class CompensationBinderExtensions
{
    /// <summary>
    /// Records how to undo <paramref name="step"/>. Recorded before the step is sent, the undo must
    /// tolerate a step that never happened (and stop it happening later); recorded after, it undoes a known result.
    /// </summary>
    public static EventActivityBinder<TSaga, TData> RecordCompensation<TSaga, TData, TCommand>(this EventActivityBinder<TSaga, TData> binder,
        string step, Func<BehaviorContext<TSaga, TData>, TCommand> undo)
        where TSaga : SteppingSagaInstance, ICompensatingState
        where TData : class
        where TCommand : class =>
        binder.Then(x => x.Saga.Compensations.Push(CompensationCommands.Record(step, undo(x))));

    /// <summary>
    /// Records how to undo branches of a fan-out step (one command per branch, e.g. per provider),
    /// each an undo of its own named <c>{undo}/{branch}</c>; they run newest first like any other.
    /// </summary>
    /// <param name="branchIsRoute">Each branch is also its undo's route: with the undo activity's <c>RouteToTaskQueues</c>, the undo goes to that task queue.</param>
    public static EventActivityBinder<TSaga, TData> RecordCompensations<TSaga, TData, TCommand>(this EventActivityBinder<TSaga, TData> binder,
        string step, Func<BehaviorContext<TSaga, TData>, IEnumerable<(string Branch, TCommand Undo)>> undos, bool branchIsRoute = false)
        where TSaga : SteppingSagaInstance, ICompensatingState
        where TData : class
        where TCommand : class
    {
        var machine = Machine(binder);
        return binder.Then(x =>
        {
            foreach (var (branch, undo) in undos(x))
            {
                var record = CompensationCommands.RecordBranch(step, branch, undo);
                if (branchIsRoute && machine.Steps.For(record.StepSettings).RouteToTaskQueues)
                    record = record with { Destination = machine.Steps.TaskQueue(typeof(TCommand), branch).ToString() };
                x.Saga.Compensations.Push(record);
            }
        });
    }

    /// <summary>True while the undo recorded for <paramref name="step"/> (for one branch of it, if named) has not run.</summary>
    public static bool HasCompensationFor(this ICompensatingState saga, string step, string? branch = null)
    {
        var forStep = branch is null ? step : CompensationCommands.BranchStep(step, branch);
        return saga.Compensations.Any(c => c.ForStep == forStep);
    }

    /// <summary>Records that undoing <paramref name="step"/> means asking the child saga that ran it to undo itself.</summary>
    public static EventActivityBinder<TSaga, ChildSagaFinished> RecordChildCompensation<TSaga>(this EventActivityBinder<TSaga, ChildSagaFinished> binder,
        string step)
        where TSaga : SteppingSagaInstance, ICompensatingState =>
        binder.Then(x => x.Saga.Compensations.Push(
            CompensationCommands.Record(step, new CompensateSaga(x.Message.ChildId), x.Message.Address, step: $"Undo{step}")));

    /// <summary>The step is known not to have happened (its activity refused it): there is nothing to undo.</summary>
    public static EventActivityBinder<TSaga, TData> ForgetCompensation<TSaga, TData>(this EventActivityBinder<TSaga, TData> binder, string step)
        where TSaga : SteppingSagaInstance, ICompensatingState
        where TData : class =>
        binder.Then(x => x.Saga.Compensations.RemoveAll(c => c.ForStep == step));

    /// <summary>
    /// Stops the current step and undoes the recorded ones, newest first; the saga ends in
    /// <paramref name="endIn"/> when they all succeeded (at once, when there is nothing to undo).
    /// </summary>
    public static EventActivityBinder<TSaga, TData> Compensate<TSaga, TData>(this EventActivityBinder<TSaga, TData> binder,
        Func<BehaviorContext<TSaga, TData>, string> reason, State endIn)
        where TSaga : SteppingSagaInstance, ICompensatingState
        where TData : class
    {
        Machine(binder).AddCompensationEnd(endIn);
        return binder
            .Then(x =>
            {
                x.Saga.FailureReason = reason(x);
                x.Saga.CompensatedState = endIn.Name;
            })
            .CompensateNext();
    }

    internal static EventActivityBinder<TSaga, TData> CompensateNext<TSaga, TData>(this EventActivityBinder<TSaga, TData> binder)
        where TSaga : SteppingSagaInstance, ICompensatingState
        where TData : class
    {
        var machine = Machine(binder);
        return binder.IfElse(x => x.Saga.Compensations.Count == 0,
            done => done
                .EndStep()
                .ThenAsync(x => x.TransitionToState(machine.GetState(x.Saga.CompensatedState!)))
                .ThenAsync(x => x.AnswerParentAsync(failed: false)),
            next => next
                .Then(x =>
                {
                    x.Saga.CurrentStep = x.Saga.Compensations[^1].Step;
                    x.Saga.StepAttempt = 1;
                })
                .TransitionTo(machine.Compensating)
                .SendCurrentCompensation());
    }

    internal static EventActivityBinder<TSaga, TData> SendCurrentCompensation<TSaga, TData>(this EventActivityBinder<TSaga, TData> binder)
        where TSaga : SteppingSagaInstance, ICompensatingState
        where TData : class
    {
        var machine = Machine(binder);
        return binder
            .Then(x => x.Saga.StepDeadline = machine.Steps.UtcNow + machine.Steps.For(x.Saga.Compensations[^1].StepSettings).StartToClose)
            .ThenAsync(x => SendAsync(x, x.Saga.Compensations[^1]));
    }

    internal static EventActivityBinder<TSaga, TData> StopCompensating<TSaga, TData>(this EventActivityBinder<TSaga, TData> binder)
        where TSaga : SteppingSagaInstance, ICompensatingState
        where TData : class =>
        binder
            .EndStep()
            .TransitionTo(Machine(binder).NeedsAttention)
            .ThenAsync(x => x.AnswerParentAsync(failed: true));

    /// <summary>Tells the parent whose undo request this saga carried out how it went.</summary>
    internal static async Task AnswerParentAsync<TSaga>(this BehaviorContext<TSaga> context, bool failed)
        where TSaga : SteppingSagaInstance, ICompensatingState
    {
        var saga = context.Saga;
        if (saga.CompensationRequestStep is not { } step || saga.ParentId is not { } parentId || saga.ParentAddress is null)
            return;

        var parent = await context.GetSendEndpoint(new Uri(saga.ParentAddress)).ConfigureAwait(false);
        if (failed)
            await parent.Send(new CompensationFailed(parentId, step, saga.FailureReason ?? "the child saga needs attention"), context.CancellationToken).ConfigureAwait(false);
        else
            await parent.Send(new CompensationCompleted(parentId, step), context.CancellationToken).ConfigureAwait(false);
    }

    static async Task SendAsync<TSaga>(BehaviorContext<TSaga> context, CompensationRecord record)
        where TSaga : SteppingSagaInstance, ICompensatingState
    {
        var (message, type) = CompensationCommands.Restore(record);
        var (step, attempt, replyTo) = (record.Step, context.Saga.StepAttempt, context.ReceiveContext.InputAddress);
        void Stamp(SendContext send)
        {
            send.Headers.Set(StepHeaders.Step, step);
            send.Headers.Set(StepHeaders.Attempt, attempt);
            send.ResponseAddress = replyTo;
            // Names who asks, so that a child saga that no longer exists can still answer.
            ParentHeaders.Stamp(send, context.Saga.CorrelationId, replyTo);
            MustRoute.Mark(send);
        }

        if (record.Destination is { } destination)
        {
            var endpoint = await context.GetSendEndpoint(new Uri(destination)).ConfigureAwait(false);
            await endpoint.Send(message, type, Pipe.Execute<SendContext>(Stamp), context.CancellationToken).ConfigureAwait(false);
        }
        else
            await context.Publish(message, type, Pipe.Execute<PublishContext>(Stamp), context.CancellationToken).ConfigureAwait(false);
    }

    static CompensatingStateMachine<TSaga> Machine<TSaga, TData>(EventActivityBinder<TSaga, TData> binder)
        where TSaga : SteppingSagaInstance, ICompensatingState
        where TData : class =>
        binder.StateMachine as CompensatingStateMachine<TSaga>
        ?? throw new InvalidOperationException($"Compensation needs a {nameof(CompensatingStateMachine<TSaga>)}; {binder.StateMachine.GetType().Name} is not one.");
}
