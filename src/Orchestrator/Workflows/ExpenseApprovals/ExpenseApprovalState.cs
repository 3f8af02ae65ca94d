using Sagas.Durability.Activities;

namespace Sagas.Orchestrator.Workflows.ExpenseApprovals;

public class ExpenseApprovalState : SteppingSagaInstance
{
    public string Employee { get; set; } = "";
    public decimal Amount { get; set; }
    public string Description { get; set; } = "";
    public DateTime SubmittedAt { get; set; }
    public DateTime? DecisionDueAt { get; set; }
    public DateTime? ApproverNotifiedAt { get; set; }
    public string? DecidedBy { get; set; }
    public DateTime? DecidedAt { get; set; }

    /// <summary>Why it was rejected (invalid, by the approver, or timed out), or the approver's note.</summary>
    public string? Reason { get; set; }

    public Guid? DecisionTimeoutTokenId { get; set; }
}
