using Sagas.Durability.Compensation;

namespace Sagas.Orchestrator.Workflows.Fulfilments;

public class PaymentState : CompensatingSagaInstance
{
    public string CustomerId { get; set; } = "";
    public decimal Amount { get; set; }
}
