namespace Sagas.Contracts;

/// <summary>
/// Runs every order of the batch, at most <see cref="MaxConcurrency"/> at a time (the configured
/// default when null), and ends with <see cref="BatchCompleted"/>. Publishing it twice with one BatchId runs one batch.
/// </summary>
public record ProcessBatch
{
    public Guid BatchId { get; init; }
    public IReadOnlyList<StartOrder> Orders { get; init; } = [];
    public int? MaxConcurrency { get; init; }
}
