using MassTransit;
using Sagas.Durability.Activities;
using Sagas.Durability.Telemetry;

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
        ConnectStateObserver(new DefinitionVersionStamp<TSaga>(() => DefinitionVersion));

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

        // An event the current state does not handle, but a state before it did, came late or again:
        // a step's answer after the saga moved on, a start or a signal sent twice, a timer that fired
        // anyway. The first one counted; this one is ignored, leaving no trace. So is anything
        // that reaches a saga that has ended. One rule from the workflow's own graph, so that no
        // workflow keeps lists of states that go stale when a state is added. An event that comes
        // before any state that handles it still faults: that is a bug, or a message for another saga.
        _graph = new Lazy<SagaGraph>(() => SagaGraphVisitor<TSaga>.Draw(this, TransitionsChosenAtRunTime));
        _lateEvents = new Lazy<HashSet<(string State, string Event)>>(LateEvents);
        OnUnhandledEvent(x => HasEnded(x.Saga) || _lateEvents.Value.Contains((x.CurrentState.Name, x.Event.Name)) ? x.Ignore() : x.Throw());
    }

    readonly Lazy<SagaGraph> _graph;
    readonly Lazy<HashSet<(string State, string Event)>> _lateEvents;

    /// <summary>The definition's states and transitions, with those chosen at run time; drawn once, when first asked for.</summary>
    public SagaGraph Graph => _graph.Value;

    readonly Dictionary<string, string> _formerStates = [];

    /// <summary>States an earlier version of this definition had, and the state their instances continue from now.</summary>
    public IReadOnlyDictionary<string, string> FormerStates => _formerStates;

    /// <summary>The version of this definition; new instances are stamped with it.</summary>
    public int DefinitionVersion { get; private set; } = 1;

    /// <summary>The oldest version whose instances this definition still knows the path of.</summary>
    public int OldestRunVersion { get; private set; } = 1;

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
    /// The event that starts the saga, split by the request's validation, which runs once: the
    /// problem it finds is the saga's <see cref="SagaInstance.FailureReason"/>, and a saga whose
    /// request broke a rule is kept, ended by <paramref name="invalid"/>, so that it can be looked up.
    /// </summary>
    protected EventActivities<TSaga> WhenStarted<TStart>(Event<TStart> start, Func<TStart, string?> problem,
        Func<EventActivityBinder<TSaga, TStart>, EventActivityBinder<TSaga, TStart>> valid,
        Func<EventActivityBinder<TSaga, TStart>, EventActivityBinder<TSaga, TStart>> invalid)
        where TStart : class =>
        When(start)
            .Then(x => x.Saga.FailureReason = problem(x.Message))
            .IfElse(x => x.Saga.FailureReason is null, valid, invalid);

    /// <summary>Each state, with the events handled by the states that can come before it.</summary>
    HashSet<(string State, string Event)> LateEvents()
    {
        var next = Graph.Transitions.ToLookup(t => t.From, t => t.To);
        var late = new HashSet<(string, string)>();
        foreach (var state in States)
        {
            var after = new HashSet<string>();
            var pending = new Stack<string>([state.Name]);
            while (pending.TryPop(out var from))
            {
                foreach (var to in next[from])
                {
                    if (after.Add(to))
                        pending.Push(to);
                }
            }

            foreach (var @event in GetState(state.Name).Events)
            {
                foreach (var later in after)
                    late.Add((later, @event.Name));
            }
        }

        return late;
    }

    /// <summary>
    /// Declares that an earlier version had a state this one does not (renamed, or removed): its
    /// instances, live or ended, are moved to <paramref name="now"/> when this version starts, before
    /// any message is taken. Without it, live instances in a state the definition lacks refuse the start
    /// (see <c>WorkflowDefinitionCheck</c> in Sagas.Operations), since no event could ever reach them.
    /// </summary>
    protected void FormerState(string name, State now) => _formerStates[name] = now.Name;

    /// <summary>
    /// Declares this definition's version. A change that would send instances already running down
    /// a path they did not start on (a step added or removed, a decision changed) raises it and keeps
    /// the old path for them with <see cref="VersionBinderExtensions.SinceVersion"/>; once none of those
    /// is live, the old branch goes and <paramref name="runsFrom"/> goes up. A start that finds live
    /// instances of a version outside <paramref name="runsFrom"/>..<paramref name="version"/> refuses
    /// (see <c>WorkflowDefinitionCheck</c> in Sagas.Operations).
    /// </summary>
    protected void Versioned(int version, int runsFrom = 1)
    {
        if (runsFrom < 1 || runsFrom > version)
            throw new ArgumentOutOfRangeException(nameof(runsFrom), runsFrom, $"must be between 1 and the version, {version}");
        (DefinitionVersion, OldestRunVersion) = (version, runsFrom);
    }

    /// <summary>For workflows that wait on people or long timers: the time after which a quiet instance counts as stuck.</summary>
    protected void Stuck(TimeSpan after) => StuckAfter = after;
}
