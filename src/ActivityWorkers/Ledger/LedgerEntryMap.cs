using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sagas.ActivityWorkers.Ledger;

public sealed class LedgerEntryMap : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> entity)
    {
        entity.ToTable("LedgerEntries");
        entity.Property(x => x.ReferenceId).HasMaxLength(100);
        entity.Property(x => x.AccountId).HasMaxLength(LedgerLimits.AccountIdLength);
        entity.Property(x => x.Amount).HasPrecision(LedgerLimits.AmountPrecision, LedgerLimits.AmountScale);
        entity.HasIndex(x => x.ReferenceId).IsUnique();
        entity.HasIndex(x => x.AccountId);
    }
}
