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
}
