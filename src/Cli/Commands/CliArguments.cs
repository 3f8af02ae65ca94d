using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Sagas.Cli.Commands;

/// <summary>Arguments and options that parse and check their own values, so a bad one is a usage error (exit 2) before any request.</summary>
public static class CliArguments
{
    public static Argument<Guid> SagaId(string description = "The saga's id (a GUID)") => new("id") { Description = description };

    public static Option<DateTimeOffset?> Instant(string name, string description) => new(name)
    {
        Description = description + " (ISO 8601; without a zone it is UTC)",
        HelpName = "instant",
        CustomParser = ParseInstant,
    };

    /// <summary>A JSON object given on the command line, e.g. <c>--data '{"by":"boss"}'</c>.</summary>
    public static Option<JsonObject?> JsonObject(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "json",
        CustomParser = ParseJsonObject,
    };

    /// <summary>Repeatable <c>name=value</c> pairs, e.g. <c>--attr customerId=alice</c>.</summary>
    public static Option<string[]> Pairs(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "name=value",
        AllowMultipleArgumentsPerToken = false,
        CustomParser = result =>
        {
            foreach (var token in result.Tokens.Where(t => t.Value.IndexOf('=') <= 0))
                result.AddError($"{name} '{token.Value}' is not name=value");
            return [.. result.Tokens.Select(t => t.Value)];
        },
    };

    public static Option<int?> Positive(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "n",
        CustomParser = result =>
        {
            var text = result.Tokens.Single().Value;
            if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0)
                return value;
            result.AddError($"{name} '{text}' is not a positive whole number");
            return null;
        },
    };

    public static IEnumerable<KeyValuePair<string, string>> Split(IEnumerable<string>? pairs) =>
        (pairs ?? []).Select(p => p.Split('=', 2)).Select(p => KeyValuePair.Create(p[0], p[1]));

    public static string Iso(DateTimeOffset instant) => instant.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    static DateTimeOffset? ParseInstant(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
            return instant;
        result.AddError($"'{text}' is not an instant (e.g. 2026-11-23T09:00:00Z)");
        return null;
    }

    static JsonObject? ParseJsonObject(ArgumentResult result)
    {
        var text = result.Tokens.Single().Value;
        try
        {
            if (JsonNode.Parse(text) is JsonObject json)
                return json;
            result.AddError($"'{text}' is not a JSON object");
        }
        catch (JsonException exception)
        {
            result.AddError($"'{text}' is not valid JSON: {exception.Message}");
        }

        return null;
    }
}
