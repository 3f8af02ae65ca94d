using Sagas.Contracts;
using Sagas.Durability.Compensation;
using Sagas.Durability.Sagas;

namespace Sagas.Orchestrator.Workflows.Fulfilments;

public class FulfilmentState : SagaInstance, ICompensatingState
{
    public string CustomerId { get; set; } = "";
    public List<OrderLine> Items { get; set; } = [];
    public decimal Total { get; set; }
    public Guid PaymentId { get; set; }
    public Guid ReservationId { get; set; }

    /// <summary>The state each child ended in; null while it runs.</summary>
    public string? PaymentOutcome { get; set; }
    public string? ReservationOutcome { get; set; }

    public string? FailureReason { get; set; }
    public string? CurrentStep { get; set; }
    public int StepAttempt { get; set; }
    public Guid? StepTimeoutTokenId { get; set; }
    public List<CompensationRecord> Compensations { get; set; } = [];
    public string? CompensatedState { get; set; }
    public string? CompensationRequestStep { get; set; }
}
