using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sagas.Durability.Sagas;
using Sagas.Operations.Visibility;

namespace Sagas.Orchestrator.Workflows.Transfers;

public class TransferStateMap : SagaInstanceMap<TransferState>
{
    protected override void ConfigureFields(EntityTypeBuilder<TransferState> entity)
    {
        entity.Property(x => x.FromAccount).HasMaxLength(64);
        entity.Property(x => x.ToAccount).HasMaxLength(64);
        entity.Property(x => x.Amount).HasPrecision(18, 2);
        entity.SearchAttribute(x => x.FromAccount);
        entity.SearchAttribute(x => x.ToAccount);
    }
}
