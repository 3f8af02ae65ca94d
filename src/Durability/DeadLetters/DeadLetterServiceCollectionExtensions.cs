using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sagas.Durability.Hosting;

namespace Sagas.Durability.DeadLetters;

public static class DeadLetterServiceCollectionExtensions
{
    /// <summary>
    /// Every endpoint of the bus dead-letters with its reason; on the in-memory transport into the
    /// <c>dead_letters</c> table. Called by <see cref="SagasTransport"/>, so every process does it.
    /// </summary>
    public static void AddDeadLetterPipes(this IBusRegistrationConfigurator bus, SagasOptions options)
    {
        bus.TryAddSingleton<ReceiveEndpointNames>();
        bus.TryAddSingleton<StoredDeadLetters>();
        var stored = options.Transport == TransportKind.InMemory;
        bus.AddConfigureEndpointsCallback((context, queue, endpoint) =>
        {
            context.GetRequiredService<ReceiveEndpointNames>().Add(queue);
            endpoint.UseDeadLetterQueues(context, stored);
        });
    }

    /// <summary><see cref="IDeadLetters"/> for the configured transport, for the API and bulk redrives.</summary>
    public static IServiceCollection AddDeadLetters(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSagasOptions();
        services.AddOptions<RabbitMqDeadLetterOptions>().Bind(configuration.GetSection(RabbitMqDeadLetterOptions.Section));
        services.TryAddSingleton<ReceiveEndpointNames>();
        services.TryAddSingleton<StoredDeadLetters>();
        if (options.Transport == TransportKind.RabbitMq)
        {
            var broker = RabbitMqConnection.Parse(configuration.GetConnectionString("RabbitMq") ?? "amqp://guest:guest@localhost:5672/");
            services.AddSingleton<IDeadLetters>(sp => new CombinedDeadLetters(
                new RabbitMqDeadLetters(broker, sp.GetRequiredService<IOptions<RabbitMqDeadLetterOptions>>(),
                    sp.GetRequiredService<ReceiveEndpointNames>(), sp.GetRequiredService<ILoggerFactory>().CreateLogger<RabbitMqDeadLetters>()),
                sp.GetRequiredService<StoredDeadLetters>()));
        }
        else
        {
            services.AddSingleton<IDeadLetters>(sp => sp.GetRequiredService<StoredDeadLetters>());
        }

        return services;
    }
}
