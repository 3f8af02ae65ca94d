using MassTransit;

namespace Sagas.Durability.Sagas;

public static class ChildSagaBinderExtensions
{
    /// <summary>
    /// Publishes a child saga's start message naming this saga as its parent: the child keeps the
    /// parent's id in its <c>parent_id</c> column and sends <see cref="ChildSagaFinished"/> here when it ends.
    /// </summary>
    public static EventActivityBinder<TSaga, TData> StartChild<TSaga, TData, TStart>(this EventActivityBinder<TSaga, TData> binder,
        Func<BehaviorContext<TSaga, TData>, TStart> start)
        where TSaga : SagaInstance
        where TData : class
        where TStart : class =>
        binder.ThenAsync(x => x.Publish(start(x), publish => ParentHeaders.Stamp(publish, x.Saga.CorrelationId, x.ReceiveContext.InputAddress)));
}
