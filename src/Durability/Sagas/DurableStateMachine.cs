using MassTransit;

namespace Sagas.Durability.Sagas;

/// <summary>
/// A state machine whose instances keep their state by name, record every transition in
/// <c>saga_history</c>, and stay in their table once they reach a terminal state.
/// </summary>
public abstract class DurableStateMachine<TSaga> : MassTransitStateMachine<TSaga>
    where TSaga : SagaInstance
{
    readonly HashSet<string> _terminalStates = [];

    /// <param name="clock">Stamps history and <c>completed_at</c>; pass the injected one so moved time agrees.</param>
    protected DurableStateMachine(TimeProvider? clock = null)
    {
        clock ??= TimeProvider.System;
        InstanceState(x => x.CurrentState);
        ConnectStateObserver(new SagaHistoryObserver<TSaga>(_terminalStates, clock));
        ConnectEventObserver(new SagaEventHistoryObserver<TSaga>(clock));
    }

    public IReadOnlySet<string> TerminalStates => _terminalStates;

    /// <summary>States in which the saga has ended; reaching one stamps <c>completed_at</c>.</summary>
    protected void Terminal(params State[] states)
    {
        foreach (var state in states)
            _terminalStates.Add(state.Name);
    }
}
