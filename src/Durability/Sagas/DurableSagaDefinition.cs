using MassTransit;
using Microsoft.EntityFrameworkCore;
using Sagas.Durability.Hosting;

namespace Sagas.Durability.Sagas;

/// <summary>The endpoint of a durable saga: conflict retries outside, the transactional outbox inside.</summary>
public class DurableSagaDefinition<TSaga, TContext> : SagaDefinition<TSaga>
    where TSaga : SagaInstance
    where TContext : DbContext
{
    protected override void ConfigureSaga(IReceiveEndpointConfigurator endpoint, ISagaConfigurator<TSaga> saga, IRegistrationContext context) =>
        endpoint.UseDurableSaga<TContext>(context);
}
