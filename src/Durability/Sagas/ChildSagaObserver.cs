using MassTransit;

namespace Sagas.Durability.Sagas;

/// <summary>
/// Remembers the parent named by a new saga's start message, and tells it, once, when the saga
/// first ends. Sent from the consume context, so the notice is an outbox row of the same transaction.
/// </summary>
sealed class ChildSagaObserver<TSaga>(IReadOnlySet<string> terminalStates, IReadOnlySet<string> succeededStates) : IStateObserver<TSaga>
    where TSaga : SagaInstance
{
    static readonly string SagaType = typeof(TSaga).Name;

    public async Task StateChanged(BehaviorContext<TSaga> context, State currentState, State previousState)
    {
        var saga = context.Saga;
        if (previousState is null && saga.ParentId is null && ParentHeaders.Of(context) is { } parent)
        {
            saga.ParentId = parent.Id;
            saga.ParentAddress = parent.Address.ToString();
        }

        // CompletedAt is stamped after this observer runs: still null means the saga ends for the first time.
        if (saga.ParentAddress is null || saga.CompletedAt is not null || !terminalStates.Contains(currentState.Name))
            return;

        var endpoint = await context.GetSendEndpoint(new Uri(saga.ParentAddress)).ConfigureAwait(false);
        await endpoint.Send(new ChildSagaFinished(saga.ParentId!.Value, saga.CorrelationId, SagaType, currentState.Name,
            succeededStates.Contains(currentState.Name), context.ReceiveContext.InputAddress), context.CancellationToken).ConfigureAwait(false);
    }
}
