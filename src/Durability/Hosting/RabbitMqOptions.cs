namespace Sagas.Durability.Hosting;

public enum RabbitMqQueueType
{
    Classic,

    /// <summary>Replicated across a cluster's nodes (Raft), as RabbitMQ recommends for durable queues there.</summary>
    Quorum,
}

/// <summary>Bound from <c>Sagas:RabbitMq</c>, as part of <see cref="SagasOptions"/>.</summary>
public sealed class RabbitMqOptions
{
    /// <summary>
    /// The type of every queue we declare (saga, activity, scheduler, and their error and skipped
    /// queues). RabbitMQ refuses to redeclare a queue with another type, so an existing deployment
    /// switches on a fresh virtual host, or after its queues are drained and deleted.
    /// </summary>
    public RabbitMqQueueType QueueType { get; set; } = RabbitMqQueueType.Classic;
}
