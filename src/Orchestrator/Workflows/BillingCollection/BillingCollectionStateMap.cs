using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sagas.Durability.Sagas;
using Sagas.Operations.Visibility;

namespace Sagas.Orchestrator.Workflows.BillingCollection;

/// <summary>The business columns of <c>billing_collection_sagas</c>; the common ones and the step's are mapped for every saga.</summary>
public class BillingCollectionStateMap : SagaInstanceMap<BillingCollectionState>
{
    protected override void ConfigureFields(EntityTypeBuilder<BillingCollectionState> entity)
    {
        entity.Property(x => x.Account).HasMaxLength(BillingCollectionStateMachine.AccountLength);
        entity.Property(x => x.AmountCollected).HasPrecision(18, 2);
        entity.Property(x => x.StopReason).HasMaxLength(256);
        entity.SearchAttribute(x => x.Account);
    }
}
