using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sagas.Durability.Sagas;
using Sagas.Operations.Visibility;

namespace Sagas.Orchestrator.Workflows.CoffeeOrder;

/// <summary>The business columns of <c>coffee_order_sagas</c>; the common ones, the steps' and the compensations' are mapped for every saga.</summary>
public class CoffeeOrderStateMap : SagaInstanceMap<CoffeeOrderState>
{
    protected override void ConfigureFields(EntityTypeBuilder<CoffeeOrderState> entity)
    {
        entity.Property(x => x.CustomerId).HasMaxLength(CoffeeOrderStateMachine.CustomerIdLength);
        entity.Property(x => x.Beverage).HasMaxLength(32);
        entity.Property(x => x.Price).HasPrecision(18, 2);
        entity.SearchAttribute(x => x.CustomerId);
    }
}
