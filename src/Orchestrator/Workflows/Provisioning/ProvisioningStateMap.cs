using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sagas.Durability.Sagas;
using Sagas.Durability.Storage;
using Sagas.Operations.Visibility;

namespace Sagas.Orchestrator.Workflows.Provisioning;

public class ProvisioningStateMap : SagaInstanceMap<ProvisioningState>
{
    protected override void ConfigureFields(EntityTypeBuilder<ProvisioningState> entity)
    {
        entity.Property(x => x.Environment).HasMaxLength(64);
        // A JSON column rather than a child table: the statuses change only with the saga, in its
        // transaction under its row lock, and the saga repository loads one row without joins.
        entity.Property(x => x.Providers).HasJsonConversion();
        entity.SearchAttribute(x => x.Environment);
    }
}
