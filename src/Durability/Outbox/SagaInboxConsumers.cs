using System.Collections.Concurrent;
using MassTransit;
using MassTransit.JobService;
using MassTransit.Transports;

namespace Sagas.Durability.Outbox;

/// <summary>
/// The inbox consumer ids of saga messages. Their claim can wait for the saga's load, since a saga
/// does nothing before its row is loaded; any other consumer claims before it runs.
/// </summary>
public sealed class SagaInboxConsumers
{
    readonly ConcurrentDictionary<Guid, bool> _ids = new();

    public bool Contains(Guid consumerId) => _ids.ContainsKey(consumerId);

    /// <summary>Learns each saga message's id the way MassTransit's outbox filter derives it.</summary>
    internal sealed class Observer(IReceiveEndpointConfigurator endpoint, SagaInboxConsumers consumers) : ISagaConfigurationObserver
    {
        public void SagaConfigured<TSaga>(ISagaConfigurator<TSaga> configurator)
            where TSaga : class, ISaga
        {
        }

        public void StateMachineSagaConfigured<TInstance>(ISagaConfigurator<TInstance> configurator, SagaStateMachine<TInstance> stateMachine)
            where TInstance : class, ISaga, SagaStateMachineInstance
        {
        }

        public void SagaMessageConfigured<TSaga, TMessage>(ISagaMessageConfigurator<TSaga, TMessage> configurator)
            where TSaga : class, ISaga
            where TMessage : class =>
            consumers._ids[JobMetadataCache<TSaga, TMessage>.GenerateJobTypeId(endpoint.InputAddress.GetEndpointName())] = true;
    }
}
