using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sagas.Orchestrator.Workflows.Batches;

public class BatchItemMap : IEntityTypeConfiguration<BatchItem>
{
    public void Configure(EntityTypeBuilder<BatchItem> entity)
    {
        entity.ToTable("batch_items");
        // Positions are started in order, so the next ones are a range of the key.
        entity.HasKey(x => new { x.BatchId, x.Position });
        // An order belongs to one batch: a second batch naming it would wait forever for an end the first one hears.
        entity.HasIndex(x => x.OrderId).IsUnique();
        entity.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        entity.Property(x => x.Outcome).HasMaxLength(64);
        entity.HasIndex(x => new { x.BatchId, x.Status });
    }
}
