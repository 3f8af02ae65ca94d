using MassTransit;
using MassTransit.Middleware;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Sagas.Durability.DeadLetters;

public static class DeadLetterPipes
{
    /// <summary>
    /// Where a receive endpoint puts what it cannot consume. A skipped message (no consumer for its
    /// type, or no type at all) is dead-lettered with the reason spelled out rather than MassTransit's
    /// bare "dead-letter". With <paramref name="store"/> (the in-memory transport, whose queues
    /// vanish on restart) faulted and skipped messages go to the <c>dead_letters</c> table; without it
    /// they go to RabbitMQ's <c>_error</c> and <c>_skipped</c> queues as MassTransit does.
    /// </summary>
    public static void UseDeadLetterQueues(this IReceiveEndpointConfigurator endpoint, StoredDeadLetters? store, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(DeadLetterPipes).FullName!);
        endpoint.ConfigureDeadLetter(pipe => pipe.UseFilter(new SkippedMessageFilter(store, logger)));
        if (store is not null)
        {
            endpoint.ConfigureError(pipe =>
            {
                pipe.UseFilter(new GenerateFaultFilter());
                pipe.UseFilter(new StoreFaultedMessageFilter(store, logger));
            });
        }
    }

    public static void UseDeadLetterQueues(this IReceiveEndpointConfigurator endpoint, IServiceProvider services, bool stored) =>
        endpoint.UseDeadLetterQueues(stored ? services.GetRequiredService<StoredDeadLetters>() : null, services.GetRequiredService<ILoggerFactory>());
}
