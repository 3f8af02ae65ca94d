using Sagas.Durability.Compensation;
using Sagas.Durability.Sagas;

namespace Sagas.Orchestrator.Workflows.Transfers;

public class TransferState : SagaInstance, ICompensatingState
{
    public string FromAccount { get; set; } = "";
    public string ToAccount { get; set; } = "";
    public decimal Amount { get; set; }
    public string? FailureReason { get; set; }
    public string? CurrentStep { get; set; }
    public int StepAttempt { get; set; }
    public Guid? StepTimeoutTokenId { get; set; }
    public List<CompensationRecord> Compensations { get; set; } = [];
    public string? CompensatedState { get; set; }
    public string? CompensationRequestStep { get; set; }
}
