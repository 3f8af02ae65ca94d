namespace Sagas.Durability.DeadLetters;

/// <summary>
/// A row of <c>dead_letters</c>: a message as the error or skipped queue would have kept it
/// (headers, body, content type), for transports whose queues do not survive a restart.
/// </summary>
public class StoredDeadLetter
{
    public long SequenceNumber { get; set; }
    public Guid MessageId { get; set; }

    /// <summary>The dead-letter queue it stands for, e.g. <c>deposit_error</c>.</summary>
    public string Queue { get; set; } = "";
    public Guid? CorrelationId { get; set; }
    public string? MessageType { get; set; }
    public DateTime DeadLetteredAt { get; set; }
    public string? ContentType { get; set; }

    /// <summary>Transport and fault headers as a JSON object of strings.</summary>
    public string Headers { get; set; } = "{}";
    public byte[] Body { get; set; } = [];
}
