using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sagas.Durability.Sagas;
using Sagas.Durability.Storage;
using Sagas.Operations.Visibility;

namespace Sagas.Orchestrator.Workflows.Orders;

public class OrderStateMap : SagaInstanceMap<OrderState>
{
    protected override void ConfigureFields(EntityTypeBuilder<OrderState> entity)
    {
        entity.Property(x => x.CustomerId).HasMaxLength(64);
        entity.Property(x => x.Items).HasJsonConversion();
        entity.Property(x => x.Total).HasPrecision(18, 2);
        entity.Property(x => x.Charged).HasPrecision(18, 2);
        entity.Property(x => x.ShipmentId).HasMaxLength(64);
        entity.SearchAttribute(x => x.CustomerId);
    }
}
