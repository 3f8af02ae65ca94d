namespace Sagas.Durability.Outbox;

public sealed class OutboxDeliveryOptions
{
    /// <summary>Messages taken per pass; they are sent concurrently.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>Passes running at once. PostgreSQL only: SQLite has one writer anyway.</summary>
    public int Sweepers { get; set; } = 2;

    /// <summary>How often to look for rows nobody announced, e.g. left by a process that died.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// For the in-memory transport, whose queues die with the process: a delivered row is kept
    /// until its message is consumed, and rows still kept at start are delivered again. Set from
    /// <c>Sagas:Transport</c>, not configured.
    /// </summary>
    public bool KeepUntilConsumed { get; set; }

    /// <summary>How long a kept row whose message nothing consumed (an event without subscribers) is kept.</summary>
    public TimeSpan KeepUnconsumedFor { get; set; } = TimeSpan.FromDays(1);
}
