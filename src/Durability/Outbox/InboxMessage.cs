namespace Sagas.Durability.Outbox;

/// <summary>A message a consumer has consumed; its key makes a redelivery a no-op.</summary>
public class InboxMessage
{
    public Guid MessageId { get; set; }
    public Guid ConsumerId { get; set; }
    public DateTime ConsumedAt { get; set; }
}
