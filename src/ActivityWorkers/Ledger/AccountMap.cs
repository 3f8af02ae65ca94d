using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sagas.ActivityWorkers.Ledger;

public sealed class AccountMap : IEntityTypeConfiguration<Account>
{
    public void Configure(EntityTypeBuilder<Account> entity)
    {
        entity.ToTable("Accounts");
        entity.Property(x => x.Id).HasMaxLength(LedgerLimits.AccountIdLength);
        entity.Property(x => x.Balance).HasPrecision(LedgerLimits.AmountPrecision, LedgerLimits.AmountScale);
        entity.Property(x => x.Version).IsConcurrencyToken();
    }
}
