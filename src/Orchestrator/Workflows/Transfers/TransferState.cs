using Sagas.Durability.Sagas;

namespace Sagas.Orchestrator.Workflows.Transfers;

public class TransferState : SagaInstance
{
    public string FromAccount { get; set; } = "";
    public string ToAccount { get; set; } = "";
    public decimal Amount { get; set; }
    public string? FailureReason { get; set; }
}
