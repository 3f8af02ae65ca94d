using Sagas.Contracts;
using Sagas.Durability.Compensation;
using Sagas.Durability.Sagas;

namespace Sagas.Orchestrator.Workflows.Fulfilments;

public class ReservationState : SagaInstance, ICompensatingState
{
    public List<OrderLine> Items { get; set; } = [];
    public string? FailureReason { get; set; }
    public string? CurrentStep { get; set; }
    public int StepAttempt { get; set; }
    public Guid? StepTimeoutTokenId { get; set; }
    public List<CompensationRecord> Compensations { get; set; } = [];
    public string? CompensatedState { get; set; }
    public string? CompensationRequestStep { get; set; }
}
