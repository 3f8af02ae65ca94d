using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sagas.Durability.DeadLetters;
using Sagas.Durability.Scheduling;
using Sagas.Durability.Telemetry;

namespace Sagas.Durability.Hosting;

public static class SagasTransport
{
    /// <summary>
    /// The configured transport: MassTransit's in-memory one for the embedded default, RabbitMQ for
    /// the real stack. Endpoints come from the registered consumers, sagas and their definitions.
    /// </summary>
    public static void UsingSagasTransport(this IBusRegistrationConfigurator bus, SagasOptions options, string? rabbitMqConnectionString)
    {
        // Queues and bindings must exist before anything is published, or RabbitMQ drops the message.
        bus.AddOptions<MassTransitHostOptions>().Configure(o => o.WaitUntilStarted = true);
        bus.AddDeadLetterPipes(options);
        // MassTransit reports usage to its vendor by default; our users' services send nothing anywhere
        // they did not configure (and offline hosts would log a failed call).
        bus.DisableUsageTelemetry();

        if (options.Transport == TransportKind.RabbitMq)
        {
            if (string.IsNullOrWhiteSpace(rabbitMqConnectionString))
                throw new InvalidOperationException("Sagas:Transport is RabbitMq but ConnectionStrings:RabbitMq is not set (e.g. amqp://guest:guest@localhost:5672/).");

            if (options.RabbitMq.QueueType == RabbitMqQueueType.Quorum)
            {
                // Error and skipped queues copy their receive queue's arguments, so they are quorum queues too.
                bus.AddConfigureEndpointsCallback((_, _, endpoint) =>
                {
                    if (endpoint is IRabbitMqReceiveEndpointConfigurator rabbitMq)
                        rabbitMq.SetQuorumQueue();
                });
            }

            var connection = RabbitMqConnection.Parse(rabbitMqConnectionString);
            bus.UsingRabbitMq((context, cfg) =>
            {
                cfg.Host(connection);
                Configure(context, cfg, options);
            });
        }
        else
        {
            bus.UsingInMemory((context, cfg) => Configure(context, cfg, options));
        }
    }

    static void Configure<TEndpoint>(IBusRegistrationContext context, IBusFactoryConfigurator<TEndpoint> cfg, SagasOptions options)
        where TEndpoint : IReceiveEndpointConfigurator
    {
        cfg.ConcurrentMessageLimit = options.ConcurrentMessageLimit;
        cfg.AddDeserializer(new PlainJsonSerializerFactory());
        cfg.UseFilter(new SagaTraceFilter());
        // Schedules and delayed redeliveries go to the Quartz bridge, through the outbox when sent from a consumer.
        cfg.UseMessageScheduler(QueueAddresses.Of(context.GetRequiredService<IOptions<SchedulerOptions>>().Value.QueueName, options));
        cfg.ConfigureEndpoints(context);
        cfg.ConfigureTaskQueues(context);
    }
}
