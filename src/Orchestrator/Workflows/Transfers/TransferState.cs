using Sagas.Durability.Activities;
using Sagas.Durability.Sagas;

namespace Sagas.Orchestrator.Workflows.Transfers;

public class TransferState : SagaInstance, IActivityStepState
{
    public string FromAccount { get; set; } = "";
    public string ToAccount { get; set; } = "";
    public decimal Amount { get; set; }
    public string? FailureReason { get; set; }
    public string? CurrentStep { get; set; }
    public int StepAttempt { get; set; }
    public Guid? StepTimeoutTokenId { get; set; }
}
