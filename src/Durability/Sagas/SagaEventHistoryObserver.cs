using MassTransit;

namespace Sagas.Durability.Sagas;

/// <summary>
/// Records events a saga handled without changing state (a step's timer firing and the step
/// being sent again, a heartbeat), so the history shows every step, not only transitions.
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

    Task Record(BehaviorContext<TSaga> context)
    {
        if (!context.TryGetPayload(out SagaTransitionLog? log) || IsPlumbing(context.Event.Name)
            || log.Pending.Any(e => e.EventName == context.Event.Name))
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

    /// <summary>
    /// MassTransit's own events: a state's enter and leave, and a schedule's any-token event,
    /// which it raises again as the schedule's received event when the token is current.
    /// </summary>
    static bool IsPlumbing(string eventName) =>
        eventName is "Initial" or "Final"
        || PlumbingSuffixes.Any(suffix => eventName.EndsWith(suffix, StringComparison.Ordinal));

    static readonly string[] PlumbingSuffixes = [".Enter", ".Leave", ".BeforeEnter", ".AfterLeave", ".AnyReceived"];
}
