using Sagas.Durability.Compensation;

namespace Sagas.Orchestrator.Workflows.Transfers;

public class TransferState : CompensatingSagaInstance
{
    public string FromAccount { get; set; } = "";
    public string ToAccount { get; set; } = "";
    public decimal Amount { get; set; }
}
