using MassTransit;

namespace Sagas.Durability.Sagas;

/// <summary>Stamps a new instance with the definition version it starts on, as MassTransit creates it.</summary>
sealed class DefinitionVersionStamp<TSaga>(Func<int> version) : IStateObserver<TSaga>
    where TSaga : SagaInstance
{
    public Task StateChanged(BehaviorContext<TSaga> context, State currentState, State previousState)
    {
        // Entering Initial from nowhere is the instance being created; it never happens again for it.
        if (previousState is null)
            context.Saga.DefinitionVersion = version();
        return Task.CompletedTask;
    }
}
