using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sagas.Durability.Storage;

namespace Sagas.Durability.Compensation;

public static class CompensationMapExtensions
{
    /// <summary>Maps the compensation columns (the step's are mapped for every saga that has steps); the pending undo commands are a JSON text column, readable with SQL.</summary>
    public static EntityTypeBuilder<TSaga> MapCompensations<TSaga>(this EntityTypeBuilder<TSaga> entity)
        where TSaga : class, ICompensatingState
    {
        entity.Property(x => x.Compensations).HasJsonConversion();
        entity.Property(x => x.FailureReason).HasMaxLength(512);
        entity.Property(x => x.CompensatedState).HasMaxLength(64);
        entity.Property(x => x.CompensationRequestStep).HasMaxLength(64);
        return entity;
    }
}
