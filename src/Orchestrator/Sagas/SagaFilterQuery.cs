using System.Globalization;
using Sagas.Operations.Visibility;

namespace Sagas.Orchestrator.Sagas;

/// <summary>Reads <c>type, state, since, until, attr.{name}, limit, page</c> from a query string; anything else is a mistake worth a 400.</summary>
public static class SagaFilterQuery
{
    const string AttributePrefix = "attr.";
    static readonly HashSet<string> Known = new(StringComparer.OrdinalIgnoreCase) { "type", "state", "since", "until", "limit", "page" };

    public static (SagaFilter Filter, int Limit, string? Page) Parse(IQueryCollection query)
    {
        foreach (var key in query.Keys)
        {
            if (!Known.Contains(key) && !key.StartsWith(AttributePrefix, StringComparison.OrdinalIgnoreCase))
                throw new SagaFilterException($"unknown parameter '{key}'; use type, state, since, until, attr.{{name}}, limit, page");
            if (query[key].Count > 1)
                throw new SagaFilterException($"'{key}' is given {query[key].Count} times; give it once");
        }

        var attributes = query.Keys
            .Where(k => k.StartsWith(AttributePrefix, StringComparison.OrdinalIgnoreCase))
            .ToDictionary(k => k[AttributePrefix.Length..], k => query[k].ToString(), StringComparer.OrdinalIgnoreCase);
        if (attributes.Keys.Any(string.IsNullOrWhiteSpace))
            throw new SagaFilterException("attr. needs a name, as in attr.customerId=alice");

        var filter = new SagaFilter(Text(query, "type"), Text(query, "state"), Time(query, "since"), Time(query, "until"), attributes);
        var limit = Text(query, "limit") is { } text
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : throw new SagaFilterException($"limit must be a whole number; '{text}' is not")
            : 50;
        return (filter, limit, Text(query, "page"));
    }

    static string? Text(IQueryCollection query, string key) =>
        query.TryGetValue(key, out var value) && !string.IsNullOrWhiteSpace(value) ? value.ToString() : null;

    /// <summary>ISO 8601; a time without an offset is taken as UTC, the zone the database keeps.</summary>
    public static DateTime? Time(IQueryCollection query, string key) =>
        Text(query, key) is not { } text ? null : ParseTime(key, text);

    public static DateTime ParseTime(string key, string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time.UtcDateTime
            : throw new SagaFilterException($"{key} must be an ISO 8601 time such as 2026-11-23T09:00:00Z; '{text}' is not");
}
