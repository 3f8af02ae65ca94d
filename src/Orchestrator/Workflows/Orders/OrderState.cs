using Sagas.Contracts;
using Sagas.Durability.Compensation;

namespace Sagas.Orchestrator.Workflows.Orders;

public class OrderState : CompensatingSagaInstance
{
    public string CustomerId { get; set; } = "";
    public List<OrderLine> Items { get; set; } = [];
    public decimal Total { get; set; }
    public decimal Charged { get; set; }
    public string? ShipmentId { get; set; }
}
