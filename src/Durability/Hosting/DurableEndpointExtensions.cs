using MassTransit;
using MassTransit.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sagas.Durability.Outbox;

namespace Sagas.Durability.Hosting;

public static class DurableEndpointExtensions
{
    /// <summary>
    /// Every consumer and saga on the endpoint consumes inside the transactional inbox/outbox of
    /// <typeparamref name="TContext"/>. Configure retries before this, so each attempt is a new transaction.
    /// </summary>
    public static void UseDurableOutbox<TContext>(this IReceiveEndpointConfigurator endpoint, IRegistrationContext context)
        where TContext : DbContext
    {
        var observer = new OutboxConsumePipeSpecificationObserver<TContext>(endpoint, context);
        endpoint.ConnectConsumerConfigurationObserver(observer);
        endpoint.ConnectSagaConfigurationObserver(observer);
        endpoint.ConnectSagaConfigurationObserver(new SagaInboxConsumers.Observer(endpoint, context.GetRequiredService<SagaInboxConsumers>()));
    }

    /// <summary>
    /// A saga endpoint: row-lock waits, version conflicts and duplicate inserts are retried at once
    /// and then with short pauses, never surfaced as faults while they still resolve; a database
    /// outage is waited out. An event the saga does not accept in its state is no conflict: it
    /// goes to the error queue at once, with the reason.
    /// </summary>
    public static void UseDurableSaga<TContext>(this IReceiveEndpointConfigurator endpoint, IRegistrationContext context)
        where TContext : DbContext
    {
        endpoint.UseMessageRetry(r =>
        {
            r.IgnoreDatabaseOutages();
            r.Ignore<NotAcceptedStateMachineException>();
            r.Intervals(
                TimeSpan.Zero, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(100),
                TimeSpan.FromMilliseconds(250), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2),
                TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));
        });
        endpoint.UseDatabaseOutageRetry(context);
        endpoint.UseDurableOutbox<TContext>(context);
    }
}
