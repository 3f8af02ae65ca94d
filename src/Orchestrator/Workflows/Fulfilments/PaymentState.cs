using Sagas.Durability.Compensation;
using Sagas.Durability.Sagas;

namespace Sagas.Orchestrator.Workflows.Fulfilments;

public class PaymentState : SagaInstance, ICompensatingState
{
    public string CustomerId { get; set; } = "";
    public decimal Amount { get; set; }
    public string? FailureReason { get; set; }
    public string? CurrentStep { get; set; }
    public int StepAttempt { get; set; }
    public Guid? StepTimeoutTokenId { get; set; }
    public List<CompensationRecord> Compensations { get; set; } = [];
    public string? CompensatedState { get; set; }
    public string? CompensationRequestStep { get; set; }
}
