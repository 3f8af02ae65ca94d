using MassTransit;

namespace Sagas.Durability.Sagas;

/// <summary>
/// Records events a saga handled without changing state (a step's timer firing and the step
/// being sent again, a late answer ignored), so the history shows every step, not only transitions.
/// </summary>
sealed class SagaEventHistoryObserver<TSaga>(TimeProvider clock) : IEventObserver<TSaga>
    where TSaga : SagaInstance
{
    static readonly string SagaType = typeof(TSaga).Name;

    public Task PreExecute(BehaviorContext<TSaga> context) => Task.CompletedTask;

    public Task PreExecute<T>(BehaviorContext<TSaga, T> context)
        where T : class => Task.CompletedTask;

    public Task PostExecute(BehaviorContext<TSaga> context) => Record(context);

    public Task PostExecute<T>(BehaviorContext<TSaga, T> context)
        where T : class => Record(context);

    public Task ExecuteFault(BehaviorContext<TSaga> context, Exception exception) => Task.CompletedTask;

    public Task ExecuteFault<T>(BehaviorContext<TSaga, T> context, Exception exception)
        where T : class => Task.CompletedTask;

    static readonly HashSet<string> Internal = ["Initial", "Final"];

    Task Record(BehaviorContext<TSaga> context)
    {
        if (!context.TryGetPayload(out SagaTransitionLog? log) || log.Pending.Any(e => e.EventName == context.Event.Name)
            || Internal.Contains(context.Event.Name) || context.Event.Name.EndsWith(".Enter", StringComparison.Ordinal)
            || context.Event.Name.EndsWith(".Leave", StringComparison.Ordinal) || context.Event.Name.EndsWith(".BeforeEnter", StringComparison.Ordinal)
            || context.Event.Name.EndsWith(".AfterLeave", StringComparison.Ordinal))
            return Task.CompletedTask;

        log.Add(new SagaHistoryEntry
        {
            CorrelationId = context.Saga.CorrelationId,
            SagaType = SagaType,
            EventName = context.Event.Name,
            FromState = context.Saga.CurrentState,
            ToState = context.Saga.CurrentState,
            OccurredAt = clock.GetUtcNow().UtcDateTime,
            MessageId = context.MessageId,
        });
        return Task.CompletedTask;
    }
}
