namespace Sagas.Durability.Outbox;

public sealed class OutboxDeliveryOptions
{
    /// <summary>Messages sent together (concurrently), whose rows are then deleted with one statement.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>Batches in flight at once. PostgreSQL only: SQLite has one writer anyway.</summary>
    public int Senders { get; set; } = 2;

    /// <summary>How often to look for rows whose lease ran out (their writer died, or a send failed).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a row belongs to the process that wrote or claimed it before any sweep may take it over.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A send the broker has not confirmed by then has failed.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Failed sends of one row before it becomes a dead letter (listed and redriven with the others).</summary>
    public int MaxAttempts { get; set; } = 60;

    /// <summary>Pauses between a row's sends double from a second up to this.</summary>
    public TimeSpan MaxRetryInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// For the in-memory transport, whose queues die with the process: a delivered row is kept
    /// until its message is consumed, and rows still kept at start are delivered again. Set from
    /// <c>Sagas:Transport</c>, not configured.
    /// </summary>
    public bool KeepUntilConsumed { get; set; }

    /// <summary>How long a kept row whose message nothing consumed (an event without subscribers) is kept.</summary>
    public TimeSpan KeepUnconsumedFor { get; set; } = TimeSpan.FromDays(1);
}
