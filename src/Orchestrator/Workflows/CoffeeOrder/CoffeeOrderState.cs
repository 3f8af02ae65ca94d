using Sagas.Contracts;
using Sagas.Durability.Compensation;

namespace Sagas.Orchestrator.Workflows.CoffeeOrder;

public class CoffeeOrderState : CompensatingSagaInstance
{
    public string CustomerId { get; set; } = "";
    public string Beverage { get; set; } = "";
    public decimal Price { get; set; }

    /// <summary>What the status query and the API answer: read from the row, never through the state machine.</summary>
    public CoffeeOrderStatus Status() => new(CorrelationId, CurrentState, Beverage, CurrentStep, StepProgress, FailureReason);
}
