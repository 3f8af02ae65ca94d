using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sagas.ActivityWorkers.Inventory;

public sealed class InventoryItemMap : IEntityTypeConfiguration<InventoryItem>
{
    public void Configure(EntityTypeBuilder<InventoryItem> entity)
    {
        entity.ToTable("inventory_items", t => t.HasCheckConstraint("ck_inventory_items_stock", "reserved >= 0 AND quantity >= reserved"));
        entity.HasKey(x => x.Sku);
        entity.Property(x => x.Sku).HasMaxLength(InventorySkus.MaxLength);
        entity.Property(x => x.Version).IsConcurrencyToken();
        entity.Ignore(x => x.Available);
    }
}

public sealed class InventoryHoldMap : IEntityTypeConfiguration<InventoryHold>
{
    public void Configure(EntityTypeBuilder<InventoryHold> entity)
    {
        entity.ToTable("inventory_holds");
        entity.HasKey(x => x.OrderId);
        entity.Property(x => x.OrderId).ValueGeneratedNever();
        entity.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        entity.Property(x => x.Reason).HasMaxLength(256);
    }
}

public sealed class InventoryHoldLineMap : IEntityTypeConfiguration<InventoryHoldLine>
{
    public void Configure(EntityTypeBuilder<InventoryHoldLine> entity)
    {
        entity.ToTable("inventory_hold_lines");
        entity.HasKey(x => new { x.OrderId, x.Sku });
        entity.Property(x => x.Sku).HasMaxLength(InventorySkus.MaxLength);
        entity.HasOne<InventoryHold>().WithMany().HasForeignKey(x => x.OrderId);
    }
}
