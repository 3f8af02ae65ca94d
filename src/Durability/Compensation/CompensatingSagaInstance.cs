using Sagas.Durability.Sagas;

namespace Sagas.Durability.Compensation;

/// <summary>The columns every compensating saga has, beside the common ones; a workflow's state adds its business fields.</summary>
public abstract class CompensatingSagaInstance : SagaInstance, ICompensatingState
{
    public string? FailureReason { get; set; }
    public string? CurrentStep { get; set; }
    public int StepAttempt { get; set; }
    public DateTime? StepDeadline { get; set; }
    public List<CompensationRecord> Compensations { get; set; } = [];
    public string? CompensatedState { get; set; }
    public string? CompensationRequestStep { get; set; }
}
