using MassTransit;
using Sagas.Durability.Telemetry;

namespace Sagas.Durability.Sagas;

/// <summary>
/// A state machine whose instances keep their state by name, record every transition in
/// <c>saga_history</c>, and stay in their table once they reach a terminal state.
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
    }

    public IReadOnlySet<string> TerminalStates => _terminalStates;

    public IReadOnlySet<string> SucceededStates => _succeededStates;

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
}
