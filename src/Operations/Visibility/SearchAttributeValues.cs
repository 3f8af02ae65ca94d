using System.Globalization;

namespace Sagas.Operations.Visibility;

/// <summary>Turns a filter's text into the column's own type, so that a bad value is a clear error and never SQL.</summary>
public static class SearchAttributeValues
{
    public static bool Supports(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) is var t
        && (t == typeof(string) || t == typeof(Guid) || t == typeof(int) || t == typeof(long) || t == typeof(decimal) || t == typeof(bool) || t == typeof(DateTime) || t == typeof(DateOnly));

    public static bool TryParse(Type type, string text, out object? value)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        var invariant = CultureInfo.InvariantCulture;
        (var ok, value) = t switch
        {
            _ when t == typeof(string) => (true, text),
            _ when t == typeof(Guid) => (Guid.TryParse(text, out var g), (object)g),
            _ when t == typeof(int) => (int.TryParse(text, NumberStyles.Integer, invariant, out var i), i),
            _ when t == typeof(long) => (long.TryParse(text, NumberStyles.Integer, invariant, out var l), l),
            _ when t == typeof(decimal) => (decimal.TryParse(text, NumberStyles.Number, invariant, out var d), d),
            _ when t == typeof(bool) => (bool.TryParse(text, out var b), b),
            _ when t == typeof(DateOnly) => (DateOnly.TryParseExact(text, "yyyy-MM-dd", invariant, DateTimeStyles.None, out var day), day),
            _ when t == typeof(DateTime) => (DateTime.TryParse(text, invariant, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var dt), dt),
            _ => (false, null),
        };
        return ok;
    }

    public static string Describe(Type type) =>
        (Nullable.GetUnderlyingType(type) ?? type) switch
        {
            var t when t == typeof(string) => "text",
            var t when t == typeof(Guid) => "uuid",
            var t when t == typeof(int) || t == typeof(long) => "integer",
            var t when t == typeof(decimal) => "number",
            var t when t == typeof(bool) => "boolean",
            var t when t == typeof(DateTime) => "timestamp",
            var t when t == typeof(DateOnly) => "date (yyyy-MM-dd)",
            var t => t.Name,
        };
}
