using System.Linq.Expressions;
using MassTransit;
using Sagas.Durability.Activities;
using Sagas.Durability.Telemetry;
using Sagas.Durability.Visibility;

namespace Sagas.Durability.Sagas;

/// <summary>
/// A state machine whose instances keep their state by name, record every transition in
/// <c>saga_history</c>, and stay in their table once they reach a terminal state. Any of them can
/// be terminated by an operator; a workflow that can undo its steps can also be cancelled.
/// </summary>
public abstract class DurableStateMachine<TSaga> : MassTransitStateMachine<TSaga>
    where TSaga : SagaInstance
{
    readonly HashSet<string> _terminalStates = [];
    readonly HashSet<string> _succeededStates = [];
    readonly HashSet<string> _compensatingStates = [];
    readonly HashSet<string> _undoFailedStates = [];

    /// <param name="clock">Stamps history and <c>completed_at</c>; pass the injected one so moved time agrees.</param>
    protected DurableStateMachine(TimeProvider? clock = null)
    {
        clock ??= TimeProvider.System;
        InstanceState(x => x.CurrentState);
        ConnectStateObserver(new ChildSagaObserver<TSaga>(_terminalStates, _succeededStates));
        var telemetry = new SagaTelemetryObserver<TSaga>(_terminalStates, _succeededStates, _compensatingStates, _undoFailedStates);
        ConnectStateObserver(telemetry);
        ConnectEventObserver(telemetry);
        ConnectStateObserver(new SagaHistoryObserver<TSaga>(_terminalStates, clock));
        ConnectEventObserver(new SagaEventHistoryObserver<TSaga>(clock));

        Event(() => TerminateSaga, e =>
        {
            e.CorrelateById(m => m.Message.CorrelationId);
            e.OnMissingInstance(m => m.Discard());
        });
        Terminal(Terminated);
        DuringAny(
            When(TerminateSaga, x => !HasEnded(x.Saga))
                .Then(x =>
                {
                    x.Saga.TerminationReason = x.Message.Reason;
                    // Nothing is awaited any more: the step's deadline must not fire.
                    if (x.Saga is IActivityStepState stepping)
                        stepping.StepDeadline = null;
                })
                .TransitionTo(Terminated),
            Ignore(TerminateSaga, x => HasEnded(x.Saga)));

        // A terminated saga still gets the answers and timers of the steps it had under way.
        OnUnhandledEvent(x => x.Saga.CurrentState == Terminated.Name ? x.Ignore() : x.Throw());
    }

    public IReadOnlySet<string> TerminalStates => _terminalStates;

    public IReadOnlySet<string> SucceededStates => _succeededStates;

    /// <summary>Stopped by an operator, with nothing undone; the reason is in <c>termination_reason</c>.</summary>
    public State Terminated { get; protected set; } = null!;

    public Event<TerminateSaga> TerminateSaga { get; protected set; } = null!;

    /// <summary>How long an instance may stay in one state before operators are shown it as stuck.</summary>
    public TimeSpan StuckAfter { get; private set; } = TimeSpan.FromMinutes(10);

    /// <summary>Why this saga cannot be cancelled now, or null if it can; a workflow with a <c>cancel</c> signal of its own says when it takes it.</summary>
    public virtual string? RefuseCancel(TSaga saga) =>
        HasEnded(saga) ? $"it has already ended in {saga.CurrentState}" : "this workflow has nothing to undo; terminate it instead";

    /// <summary>Transitions the state machine makes to a state it picks at run time, for the graph operators see.</summary>
    public virtual IEnumerable<SagaTransition> TransitionsChosenAtRunTime => [];

    public bool HasEnded(TSaga saga) => _terminalStates.Contains(saga.CurrentState);

    /// <summary>States in which the saga has ended; reaching one stamps <c>completed_at</c>.</summary>
    protected void Terminal(params State[] states)
    {
        foreach (var state in states)
            _terminalStates.Add(state.Name);
    }

    /// <summary>Terminal states in which the saga did what it was started for; a parent is told which kind it reached.</summary>
    protected void Succeeded(params State[] states)
    {
        Terminal(states);
        foreach (var state in states)
            _succeededStates.Add(state.Name);
    }

    /// <summary>
    /// The state in which the saga undoes its steps: a terminal state reached from it counts as
    /// compensated, unless it is <paramref name="undoFailed"/>, where an undo could not be done.
    /// </summary>
    protected void Undoing(State undoing, State undoFailed)
    {
        _compensatingStates.Add(undoing.Name);
        _undoFailedStates.Add(undoFailed.Name);
    }

    /// <summary>
    /// Declares the event a passed step deadline raises (see <see cref="StepDeadlineSweeper{TContext}"/>).
    /// One for a send the saga no longer waits on (answered, sent again, or the saga ended) is
    /// ignored in every state, so workflows handle only the current one.
    /// </summary>
    protected void StepTimeouts(Expression<Func<Event<StepTimedOut>>> timedOut)
    {
        Event(timedOut, e =>
        {
            e.CorrelateById(m => m.Message.CorrelationId);
            e.OnMissingInstance(m => m.Discard());
        });
        DuringAny(Ignore(timedOut.Compile()(), x => HasEnded(x.Saga)
            || x.Saga is not IActivityStepState stepping || !ActivityStepBinderExtensions.IsCurrent(stepping, x.Message)));
    }

    /// <summary>For workflows that wait on people or long timers: the time after which a quiet instance counts as stuck.</summary>
    protected void Stuck(TimeSpan after) => StuckAfter = after;
}
