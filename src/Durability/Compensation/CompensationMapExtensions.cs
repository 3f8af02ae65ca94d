using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sagas.Durability.Compensation;

public static class CompensationMapExtensions
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Maps the compensation columns: the pending undo commands as a JSON text column, readable with SQL.</summary>
    public static EntityTypeBuilder<TSaga> MapCompensations<TSaga>(this EntityTypeBuilder<TSaga> entity)
        where TSaga : class, ICompensatingState
    {
        entity.Property(x => x.Compensations)
            .HasConversion(
                list => JsonSerializer.Serialize(list, Json),
                text => JsonSerializer.Deserialize<List<CompensationRecord>>(text, Json) ?? new List<CompensationRecord>(),
                new ValueComparer<List<CompensationRecord>>(
                    (a, b) => a!.SequenceEqual(b!),
                    list => list.Aggregate(0, (hash, x) => HashCode.Combine(hash, x.GetHashCode())),
                    list => list.ToList()));
        entity.Property(x => x.FailureReason).HasMaxLength(512);
        entity.Property(x => x.CompensatedState).HasMaxLength(64);
        entity.Property(x => x.CompensationRequestStep).HasMaxLength(64);
        return entity;
    }
}
