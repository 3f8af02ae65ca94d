using MassTransit;
using MassTransit.SagaStateMachine;

namespace Sagas.Durability.Sagas;

/// <summary>
/// Walks a state machine's definition and keeps each transition with the state it leaves.
/// MassTransit's own graph joins all states through one node per event, which loses that.
/// Transitions chosen at run time (the end state a compensation picks) are not in the definition;
/// the machine lists those itself.
/// </summary>
sealed class SagaGraphVisitor<TSaga> : StateMachineVisitor
    where TSaga : class, SagaStateMachineInstance
{
    readonly HashSet<SagaTransition> _transitions = [];
    State? _state;
    Event? _event;

    public static SagaGraph Draw(StateMachine<TSaga> machine, IEnumerable<SagaTransition> chosenAtRunTime)
    {
        var visitor = new SagaGraphVisitor<TSaga>();
        machine.Accept(visitor);
        visitor._transitions.UnionWith(chosenAtRunTime);
        var states = machine.States.Where(s => s.Name != machine.Final.Name).Select(s => s.Name).ToList();
        var transitions = visitor._transitions.Where(t => t.From != t.To).OrderBy(t => states.IndexOf(t.From)).ThenBy(t => t.Event).ToList();
        return new SagaGraph(states, machine.Events.Select(e => e.Name).ToList(), transitions);
    }

    public void Visit(State state, Action<State> next)
    {
        _state = state;
        next(state);
    }

    public void Visit(Event @event, Action<Event> next)
    {
        _event = @event;
        next(@event);
    }

    public void Visit<TMessage>(Event<TMessage> @event, Action<Event<TMessage>> next)
        where TMessage : class
    {
        _event = @event;
        next(@event);
    }

    public void Visit(IStateMachineActivity activity) => Visit(activity, _ => { });

    public void Visit(IStateMachineActivity activity, Action<IStateMachineActivity> next)
    {
        if (activity is TransitionActivity<TSaga> transition && _state is not null && _event is not null)
            _transitions.Add(new SagaTransition(_state.Name, _event.Name, transition.ToState.Name));
        next(activity);
    }

    public void Visit<T>(IBehavior<T> behavior)
        where T : class, SagaStateMachineInstance => Visit(behavior, _ => { });

    public void Visit<T>(IBehavior<T> behavior, Action<IBehavior<T>> next)
        where T : class, SagaStateMachineInstance => next(behavior);

    public void Visit<T, TMessage>(IBehavior<T, TMessage> behavior)
        where T : class, SagaStateMachineInstance
        where TMessage : class => Visit(behavior, _ => { });

    public void Visit<T, TMessage>(IBehavior<T, TMessage> behavior, Action<IBehavior<T, TMessage>> next)
        where T : class, SagaStateMachineInstance
        where TMessage : class => next(behavior);
}
