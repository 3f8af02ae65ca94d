using Sagas.Contracts;
using Sagas.Durability.Compensation;

namespace Sagas.Orchestrator.Workflows.Fulfilments;

public class FulfilmentState : CompensatingSagaInstance
{
    public string CustomerId { get; set; } = "";
    public List<OrderLine> Items { get; set; } = [];
    public decimal Total { get; set; }
    public Guid PaymentId { get; set; }
    public Guid ReservationId { get; set; }

    /// <summary>The state each child ended in; null while it runs.</summary>
    public string? PaymentOutcome { get; set; }
    public string? ReservationOutcome { get; set; }
}
