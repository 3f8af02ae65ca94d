using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sagas.Durability.Sagas;
using Sagas.Operations.Visibility;

namespace Sagas.Orchestrator.Workflows.BonusCalculations;

public class BonusCalculationStateMap : SagaInstanceMap<BonusCalculationState>
{
    protected override void ConfigureFields(EntityTypeBuilder<BonusCalculationState> entity)
    {
        entity.Property(x => x.Period).HasMaxLength(32);
        entity.Property(x => x.Amount).HasPrecision(18, 2);
        entity.Property(x => x.MinimumBalance).HasPrecision(18, 2);
        entity.Property(x => x.TotalCredited).HasPrecision(18, 2);
        entity.SearchAttribute(x => x.Period);
    }
}
