using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Sagas.Durability.Hosting;

/// <summary>Where a message for a queue, named as its receive endpoint names it, is sent.</summary>
public static class QueueAddresses
{
    /// <summary>
    /// A send to <c>queue:{name}</c> declares the queue (a classic one) and binds it, so a message sent
    /// before its consumer starts waits there. RabbitMQ refuses that declaration against a quorum
    /// queue, so with quorum queues a send goes to the queue's exchange, which its receive endpoint
    /// binds; a step sent before that is returned as unroutable, and the outbox sends it again.
    /// </summary>
    public static Uri Of(string queue, SagasOptions options) =>
        new(options is { Transport: TransportKind.RabbitMq, RabbitMq.QueueType: RabbitMqQueueType.Quorum } ? $"exchange:{queue}" : $"queue:{queue}");

    /// <summary>The queue of the saga whose state is <paramref name="state"/>, named as its endpoint is.</summary>
    public static Uri OfSaga(Type state, IServiceProvider services)
    {
        var formatter = services.GetService<IEndpointNameFormatter>() ?? DefaultEndpointNameFormatter.Instance;
        var name = (string)SagaNameMethod.MakeGenericMethod(state).Invoke(formatter, null)!;
        return Of(name, services.GetRequiredService<IConfiguration>().GetSagasOptions());
    }

    static readonly System.Reflection.MethodInfo SagaNameMethod = typeof(IEndpointNameFormatter).GetMethod(nameof(IEndpointNameFormatter.Saga))!;
}
