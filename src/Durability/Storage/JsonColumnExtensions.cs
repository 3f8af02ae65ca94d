using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sagas.Durability.Storage;

public static class JsonColumnExtensions
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Stores a list as JSON text: one column that SQL readers can still see (and PostgreSQL can
    /// query with its JSON operators), the same on SQLite and PostgreSQL.
    /// </summary>
    public static PropertyBuilder<List<T>> HasJsonConversion<T>(this PropertyBuilder<List<T>> property) =>
        property.HasConversion(
            list => JsonSerializer.Serialize(list, Json),
            text => JsonSerializer.Deserialize<List<T>>(text, Json) ?? new List<T>(),
            new ValueComparer<List<T>>(
                (a, b) => a!.SequenceEqual(b!),
                list => list.Aggregate(0, (hash, x) => HashCode.Combine(hash, x)),
                list => list.ToList()));
}
