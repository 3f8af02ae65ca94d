using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sagas.ActivityWorkers.Provisioning;

public sealed class ProvisionedResourceMap : IEntityTypeConfiguration<ProvisionedResource>
{
    public void Configure(EntityTypeBuilder<ProvisionedResource> entity)
    {
        entity.ToTable("provisioned_resources");
        // The key is the idempotency key: two requests racing for one resource cannot both insert.
        entity.HasKey(x => new { x.ProvisioningId, x.Provider });
        entity.Property(x => x.Provider).HasMaxLength(32);
        entity.Property(x => x.Environment).HasMaxLength(64);
        entity.Property(x => x.ResourceId).HasMaxLength(128);
        entity.Property(x => x.Status).HasMaxLength(16);
        entity.Property(x => x.Reason).HasMaxLength(256);
        entity.HasIndex(x => new { x.Environment, x.Status });
    }
}
