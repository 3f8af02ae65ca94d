using System.Globalization;
using System.Text.Json;
using MassTransit;

namespace Sagas.Durability.DeadLetters;

/// <summary>Header values as text for reading, and which headers a redriven message leaves behind.</summary>
public static class DeadLetterHeaders
{
    /// <summary>What MassTransit added when it dead-lettered the message: the message goes back as it came.</summary>
    public static bool AddedByDeadLettering(string key) =>
        key.StartsWith("MT-Fault-", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("MT-Host-", StringComparison.OrdinalIgnoreCase)
        || key.Equals(MessageHeaders.Reason, StringComparison.OrdinalIgnoreCase);

    public static string? Text(object? value) => value switch
    {
        null => null,
        string text => text,
        byte[] bytes => System.Text.Encoding.UTF8.GetString(bytes),
        DateTime time => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset time => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        System.Collections.IEnumerable items => string.Join(",", items.Cast<object?>().Select(Text)),
        _ => value.ToString(),
    };

    /// <summary>Headers as a JSON object keeping numbers and booleans, so a redriven message reads them as before.</summary>
    public static string ToJson(IEnumerable<KeyValuePair<string, object?>> headers)
    {
        var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in headers)
            values[key] = value is string or bool or int or long or double or decimal or null ? value : Text(value);
        return JsonSerializer.Serialize(values);
    }

    public static Dictionary<string, object?> FromJson(string json)
    {
        var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in JsonDocument.Parse(json).RootElement.EnumerateObject())
        {
            values[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Number => property.Value.TryGetInt32(out var small) ? small
                    : property.Value.TryGetInt64(out var large) ? large : property.Value.GetDouble(),
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => null,
            };
        }

        return values;
    }

    public static Dictionary<string, string?> AsText(IEnumerable<KeyValuePair<string, object?>> headers) =>
        headers.GroupBy(x => x.Key, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => Text(g.Last().Value), StringComparer.OrdinalIgnoreCase);
}
