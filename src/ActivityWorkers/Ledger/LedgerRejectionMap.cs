using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sagas.ActivityWorkers.Ledger;

public sealed class LedgerRejectionMap : IEntityTypeConfiguration<LedgerRejection>
{
    public void Configure(EntityTypeBuilder<LedgerRejection> entity)
    {
        entity.ToTable("LedgerRejections");
        entity.HasKey(x => x.ReferenceId);
        entity.Property(x => x.ReferenceId).HasMaxLength(100);
        entity.Property(x => x.AccountId).HasMaxLength(LedgerLimits.AccountIdLength);
        entity.Property(x => x.Reason).HasMaxLength(256);
    }
}
