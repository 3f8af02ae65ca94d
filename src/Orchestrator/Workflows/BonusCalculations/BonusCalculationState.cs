using Sagas.Durability.Activities;
using Sagas.Durability.Sagas;

namespace Sagas.Orchestrator.Workflows.BonusCalculations;

public class BonusCalculationState : SagaInstance, IActivityStepState
{
    public string Period { get; set; } = "";
    public decimal Amount { get; set; }
    public decimal MinimumBalance { get; set; }
    public int EligibleCount { get; set; }
    public int CreditedCount { get; set; }
    public int AlreadyPaidCount { get; set; }
    public decimal TotalCredited { get; set; }
    public string? FailureReason { get; set; }
    public string? CurrentStep { get; set; }
    public int StepAttempt { get; set; }
    public DateTime? StepDeadline { get; set; }
}
