using Sagas.Durability.Activities;

namespace Sagas.Orchestrator.Workflows.BonusCalculations;

public class BonusCalculationState : SteppingSagaInstance
{
    public string Period { get; set; } = "";
    public decimal Amount { get; set; }
    public decimal MinimumBalance { get; set; }
    public int EligibleCount { get; set; }
    public int CreditedCount { get; set; }
    public int AlreadyPaidCount { get; set; }
    public decimal TotalCredited { get; set; }
}
