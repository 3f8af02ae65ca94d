namespace Sagas.Durability.Outbox;

/// <summary>A message sent or published inside a transaction, waiting to be delivered.</summary>
public class OutboxMessage
{
    public long SequenceNumber { get; set; }
    public Guid MessageId { get; set; }
    public Guid? ConversationId { get; set; }
    public Guid? CorrelationId { get; set; }
    public Guid? InitiatorId { get; set; }
    public Guid? RequestId { get; set; }
    public string? SourceAddress { get; set; }
    public string DestinationAddress { get; set; } = "";
    public string? ResponseAddress { get; set; }
    public string? FaultAddress { get; set; }
    public DateTime SentTime { get; set; }
    public DateTime? ExpirationTime { get; set; }
    public string ContentType { get; set; } = "";
    public string MessageType { get; set; } = "";
    public string Body { get; set; } = "";
    public string? Headers { get; set; }
    public string? Properties { get; set; }

    /// <summary>
    /// Set once the message is in a transport that keeps it only in memory: the row then stays
    /// until the transaction consuming the message deletes it, and is sent again after a crash.
    /// </summary>
    public DateTime? DeliveredAt { get; set; }

    /// <summary>
    /// Until then the process that wrote (or last claimed) the row is sending it; after, the
    /// delivery sweep of any process takes it over (its writer died, or the broker refused it).
    /// </summary>
    public DateTime LockedUntil { get; set; }

    /// <summary>Failed sends so far; at the configured maximum the row becomes a dead letter.</summary>
    public int Attempts { get; set; }

    /// <summary>Why the last send failed.</summary>
    public string? LastError { get; set; }
}
