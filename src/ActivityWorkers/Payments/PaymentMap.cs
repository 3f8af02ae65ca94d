using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sagas.ActivityWorkers.Payments;

public sealed class PaymentMap : IEntityTypeConfiguration<Payment>
{
    public void Configure(EntityTypeBuilder<Payment> entity)
    {
        entity.ToTable("payments");
        entity.HasKey(x => x.OrderId);
        entity.Property(x => x.OrderId).ValueGeneratedNever();
        entity.Property(x => x.CustomerId).HasMaxLength(64);
        entity.Property(x => x.MerchantAccount).HasMaxLength(64);
        entity.Property(x => x.Amount).HasPrecision(18, 2);
        entity.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        entity.Property(x => x.Reason).HasMaxLength(256);
    }
}
