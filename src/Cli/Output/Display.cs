using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sagas.Cli.Output;

/// <summary>How JSON values read in a table: text as is, instants in UTC ISO 8601, nothing for null.</summary>
public static class Display
{
    static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true };

    public static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value => value.ToJsonString(),
        _ => node.ToJsonString(),
    };

    /// <summary>The API writes UTC instants, some without a zone (columns read back from the database); both show as UTC.</summary>
    public static string Time(JsonNode? node, bool milliseconds = false)
    {
        var text = Text(node);
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
            return text;
        return instant.UtcDateTime.ToString(milliseconds ? "yyyy-MM-dd'T'HH:mm:ss.fff'Z'" : "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>A field's value: instants as <see cref="Time"/>, anything else as <see cref="Text"/>.</summary>
    public static string Value(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String && LooksLikeInstant(value.GetValue<string>()) ? Time(node) : Text(node);

    public static string Indented(JsonNode? node) => node?.ToJsonString(Pretty) ?? "null";

    public static IEnumerable<JsonNode?> Items(JsonNode? node, string property = "items") =>
        node switch
        {
            JsonArray array => array,
            JsonObject json when json[property] is JsonArray array => array,
            _ => [],
        };

    static bool LooksLikeInstant(string text) =>
        text.Length >= 19 && text[4] == '-' && text[10] == 'T'
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _);
}
