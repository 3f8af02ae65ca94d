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
}
