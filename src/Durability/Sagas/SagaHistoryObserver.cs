using MassTransit;

namespace Sagas.Durability.Sagas;

sealed class SagaHistoryObserver<TSaga>(IReadOnlySet<string> terminalStates, TimeProvider clock) : IStateObserver<TSaga>
    where TSaga : SagaInstance
{
    static readonly string SagaType = typeof(TSaga).Name;

    public Task StateChanged(BehaviorContext<TSaga> context, State currentState, State previousState)
    {
        var now = clock.GetUtcNow().UtcDateTime;

        if (terminalStates.Contains(currentState.Name))
            context.Saga.CompletedAt ??= now;

        // Entering Initial is MassTransit creating the instance, not a step of the workflow.
        if (previousState is not null && context.TryGetPayload(out SagaTransitionLog? log))
        {
            log.Add(new SagaHistoryEntry
            {
                CorrelationId = context.Saga.CorrelationId,
                SagaType = SagaType,
                EventName = context.Event.Name,
                FromState = previousState.Name,
                ToState = currentState.Name,
                OccurredAt = now,
                MessageId = context.MessageId,
            });
        }

        return Task.CompletedTask;
    }
}
