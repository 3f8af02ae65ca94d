using MassTransit;

namespace Sagas.Durability.Sagas;

public static class VersionBinderExtensions
{
    /// <summary>
    /// Where a new version changed the path: instances that started on <paramref name="version"/> or
    /// later take <paramref name="since"/>, older ones the path they started on (<paramref name="before"/>),
    /// as Temporal's <c>Workflow.Patched</c> does. Drop the old branch, and raise the oldest version the
    /// definition runs (<see cref="DurableStateMachine{TSaga}.Versioned"/>), once no older instance is live.
    /// </summary>
    public static EventActivityBinder<TSaga, TData> SinceVersion<TSaga, TData>(this EventActivityBinder<TSaga, TData> binder, int version,
        Func<EventActivityBinder<TSaga, TData>, EventActivityBinder<TSaga, TData>> since,
        Func<EventActivityBinder<TSaga, TData>, EventActivityBinder<TSaga, TData>> before)
        where TSaga : SagaInstance
        where TData : class =>
        binder.IfElse(x => x.Saga.DefinitionVersion >= version, since, before);
}
