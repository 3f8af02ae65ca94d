using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sagas.Durability.Hosting;
using Sagas.Durability.Outbox;

namespace Sagas.Durability.Scheduling;

/// <summary>
/// All scheduling consumers share the scheduler queue; a busy database is retried, and an outage
/// waited out. On the in-memory transport a consumed request's kept outbox row is forgotten, or the
/// re-send at the next start would store a one-shot trigger that already fired again.
/// </summary>
public sealed class SchedulerConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    public SchedulerConsumerDefinition(IOptions<SchedulerOptions> options) => EndpointName = options.Value.QueueName;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<TConsumer> consumer, IRegistrationContext context)
    {
        endpoint.UseMessageRetry(retry =>
        {
            retry.IgnoreDatabaseOutages();
            retry.Exponential(10, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(200));
        });
        endpoint.UseDatabaseOutageRetry(context);
        endpoint.UseFilter(ActivatorUtilities.CreateInstance<ForgetKeptMessageFilter>(context));
    }
}
