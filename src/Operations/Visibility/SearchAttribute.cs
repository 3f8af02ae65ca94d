using System.Reflection;

namespace Sagas.Operations.Visibility;

/// <summary>A business column a workflow made searchable, as <c>attr.{Name}</c>.</summary>
public sealed record SearchAttribute(string Name, string Column, PropertyInfo Property)
{
    public string Kind => SearchAttributeValues.Describe(Property.PropertyType);
}
