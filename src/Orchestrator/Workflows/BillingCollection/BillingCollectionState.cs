using Sagas.Durability.Activities;

namespace Sagas.Orchestrator.Workflows.BillingCollection;

public class BillingCollectionState : SteppingSagaInstance
{
    public string Account { get; set; } = "";

    /// <summary>The hour the current (or last) run fetches, from its start.</summary>
    public DateTime PeriodStart { get; set; }

    public DateTime? NextRunAt { get; set; }
    public Guid? NextRunTokenId { get; set; }
    public int Runs { get; set; }
    public int FailedRuns { get; set; }
    public long RecordsCollected { get; set; }
    public decimal AmountCollected { get; set; }
    public string? StopReason { get; set; }
}
