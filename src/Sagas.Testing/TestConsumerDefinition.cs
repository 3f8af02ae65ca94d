using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Sagas.Durability.Outbox;

namespace Sagas.Testing;

/// <summary>
/// A test's consumer takes its message off the outbox row the embedded transport keeps until then,
/// as the real activities' durable endpoints do; left there, a host restarted on the same file would
/// deliver the message again.
/// </summary>
public sealed class TestConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<TConsumer> consumer, IRegistrationContext context) =>
        endpoint.UseFilter(ActivatorUtilities.CreateInstance<ForgetKeptMessageFilter>(context));
}
