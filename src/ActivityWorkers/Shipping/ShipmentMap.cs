using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sagas.ActivityWorkers.Shipping;

public sealed class ShipmentMap : IEntityTypeConfiguration<Shipment>
{
    public void Configure(EntityTypeBuilder<Shipment> entity)
    {
        entity.ToTable("shipments");
        entity.HasKey(x => x.OrderId);
        entity.Property(x => x.OrderId).ValueGeneratedNever();
        entity.Property(x => x.CustomerId).HasMaxLength(64);
        entity.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        entity.Property(x => x.ShipmentId).HasMaxLength(64);
        entity.Property(x => x.Reason).HasMaxLength(256);
        entity.HasIndex(x => x.ShipmentId).IsUnique();
    }
}
