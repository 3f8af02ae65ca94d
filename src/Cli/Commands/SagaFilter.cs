using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.Json.Nodes;

namespace Sagas.Cli.Commands;

/// <summary>Which sagas a list or a bulk action is about: <c>--type --state --since --until --attr name=value</c>.</summary>
public sealed class SagaFilter
{
    readonly Option<string?> _type = new("--type") { Description = "Workflow type, e.g. Transfer or Order" };
    readonly Option<string?> _state = new("--state") { Description = "Current state, e.g. Completed" };
    readonly Option<DateTimeOffset?> _since = CliArguments.Instant("--since", "Created at or after");
    readonly Option<DateTimeOffset?> _until = CliArguments.Instant("--until", "Created before");
    readonly Option<string[]> _attributes = CliArguments.Pairs("--attr", "A search attribute's value (repeatable), e.g. customerId=alice");

    public SagaFilter AddTo(Command command)
    {
        command.Add(_type);
        command.Add(_state);
        command.Add(_since);
        command.Add(_until);
        command.Add(_attributes);
        return this;
    }

    public bool IsEmpty(SymbolResult result) =>
        result.GetValue(_type) is null && result.GetValue(_state) is null && result.GetValue(_since) is null
        && result.GetValue(_until) is null && (result.GetValue(_attributes) ?? []).Length == 0;

    /// <summary>As the list endpoint's query: <c>type=…&amp;state=…&amp;since=…&amp;attr.name=value</c>.</summary>
    public List<KeyValuePair<string, string>> Query(ParseResult parse)
    {
        var query = new List<KeyValuePair<string, string>>();
        if (parse.GetValue(_type) is { } type)
            query.Add(new("type", type));
        if (parse.GetValue(_state) is { } state)
            query.Add(new("state", state));
        if (parse.GetValue(_since) is { } since)
            query.Add(new("since", CliArguments.Iso(since)));
        if (parse.GetValue(_until) is { } until)
            query.Add(new("until", CliArguments.Iso(until)));
        query.AddRange(CliArguments.Split(parse.GetValue(_attributes)).Select(a => KeyValuePair.Create("attr." + a.Key, a.Value)));
        return query;
    }

    /// <summary>As the bulk endpoint's <c>filter</c> object.</summary>
    public JsonObject Body(ParseResult parse)
    {
        var attributes = new JsonObject();
        foreach (var (name, value) in CliArguments.Split(parse.GetValue(_attributes)))
            attributes[name] = value;
        return new JsonObject
        {
            ["type"] = parse.GetValue(_type),
            ["state"] = parse.GetValue(_state),
            ["since"] = parse.GetValue(_since) is { } since ? CliArguments.Iso(since) : null,
            ["until"] = parse.GetValue(_until) is { } until ? CliArguments.Iso(until) : null,
            ["attributes"] = attributes,
        };
    }
}
