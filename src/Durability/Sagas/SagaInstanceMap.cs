using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sagas.Durability.Sagas;

/// <summary>Maps the common saga columns; a workflow's map adds its business fields.</summary>
public abstract class SagaInstanceMap<TSaga>(string tableName) : IEntityTypeConfiguration<TSaga>
    where TSaga : SagaInstance
{
    public void Configure(EntityTypeBuilder<TSaga> entity)
    {
        entity.ToTable(tableName);
        entity.HasKey(x => x.CorrelationId);
        entity.Property(x => x.CorrelationId).ValueGeneratedNever();
        entity.Property(x => x.CurrentState).HasMaxLength(64);
        entity.Property(x => x.Version).IsConcurrencyToken();
        // Listings go newest first, by state or not; the id breaks ties so that a page ends at one row.
        entity.HasIndex(x => new { x.CurrentState, x.CreatedAt });
        entity.HasIndex(x => new { x.CreatedAt, x.CorrelationId });
        entity.HasIndex(x => x.UpdatedAt);
        entity.Property(x => x.ParentAddress).HasMaxLength(256);
        entity.HasIndex(x => x.ParentId);
        entity.Property(x => x.TerminationReason).HasMaxLength(512);

        ConfigureFields(entity);
    }

    protected abstract void ConfigureFields(EntityTypeBuilder<TSaga> entity);
}
