using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sagas.Operations.Visibility;

public static class SearchAttributeExtensions
{
    internal const string Annotation = "Sagas:SearchAttribute";

    /// <summary>
    /// Makes a business column searchable as <c>attr.{name}</c> in the sagas API: it gets an index,
    /// and filters compare it as a typed parameter, never by scanning JSON.
    /// </summary>
    public static EntityTypeBuilder<TSaga> SearchAttribute<TSaga, TValue>(this EntityTypeBuilder<TSaga> entity,
        Expression<Func<TSaga, TValue>> property, string? name = null)
        where TSaga : class
    {
        var builder = entity.Property(property);
        if (!SearchAttributeValues.Supports(typeof(TValue)))
            throw new InvalidOperationException($"{typeof(TSaga).Name}.{builder.Metadata.Name} is a {typeof(TValue).Name}; search attributes are text, numbers, dates, booleans or ids.");

        builder.HasAnnotation(Annotation, name ?? char.ToLowerInvariant(builder.Metadata.Name[0]) + builder.Metadata.Name[1..]);
        entity.HasIndex(builder.Metadata.Name);
        return entity;
    }

    internal static string? SearchAttributeName(this IReadOnlyProperty property) => property.FindAnnotation(Annotation)?.Value as string;
}
