namespace Sagas.Orchestrator.Workflows.Batches;

public enum BatchItemStatus
{
    Pending,
    Running,
    Succeeded,
    Failed,
}

/// <summary>One order of a batch, written once when the batch starts and updated when the order starts and ends.</summary>
public class BatchItem
{
    public Guid BatchId { get; set; }
    public int Position { get; set; }
    public Guid OrderId { get; set; }

    /// <summary>The order's start message as JSON, published as it came when its turn comes.</summary>
    public string StartMessage { get; set; } = "";

    public BatchItemStatus Status { get; set; }

    /// <summary>The state the order ended in, e.g. <c>Completed</c> or <c>PaymentFailed</c>.</summary>
    public string? Outcome { get; set; }

    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
}
