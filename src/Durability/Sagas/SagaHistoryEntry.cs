namespace Sagas.Durability.Sagas;

/// <summary>One transition of one saga instance; rows are only ever appended.</summary>
public class SagaHistoryEntry
{
    public Guid CorrelationId { get; set; }
    public int SequenceNumber { get; set; }
    public string SagaType { get; set; } = "";
    public string EventName { get; set; } = "";
    public string? FromState { get; set; }
    public string ToState { get; set; } = "";
    public DateTime OccurredAt { get; set; }
    public Guid? MessageId { get; set; }
}
