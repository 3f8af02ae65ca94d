using Sagas.Contracts;
using Sagas.Durability.Compensation;

namespace Sagas.Orchestrator.Workflows.Fulfilments;

public class ReservationState : CompensatingSagaInstance
{
    public List<OrderLine> Items { get; set; } = [];
}
