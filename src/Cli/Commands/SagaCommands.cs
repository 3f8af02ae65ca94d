using System.CommandLine;
using System.Text.Json.Nodes;
using Sagas.Cli.Output;

namespace Sagas.Cli.Commands;

/// <summary>Finding sagas and acting on one: list, stuck, show, query, signal, cancel, terminate.</summary>
public static class SagaCommands
{
    public static IEnumerable<Command> Create(CommandActions actions) =>
        [List(actions), Stuck(actions), Show(actions), Query(actions), Signal(actions), End(actions, "cancel"), End(actions, "terminate")];

    static Command List(CommandActions actions)
    {
        var command = new Command("list", "Sagas of every type, newest first, filtered");
        var filter = new SagaFilter().AddTo(command);
        var limit = CliArguments.Positive("--limit", "At most this many (the server's default when left out)");
        var page = new Option<string?>("--page") { Description = "The cursor a previous page printed", HelpName = "cursor" };
        command.Add(limit);
        command.Add(page);
        actions.Set(command, async (session, parse, cancellationToken) =>
        {
            var query = filter.Query(parse);
            if (parse.GetValue(limit) is { } n)
                query.Add(new("limit", n.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            if (parse.GetValue(page) is { } cursor)
                query.Add(new("page", cursor));

            var result = await session.Api.GetAsync(QueryString.Append("api/sagas", query), cancellationToken);
            if (session.Json)
            {
                session.WriteJson(result);
                return;
            }

            WriteSagas(session.Output, Display.Items(result));
            if (result?["nextPage"] is { } next && Display.Text(next) is { Length: > 0 } nextPage)
                await session.Error.WriteLineAsync($"more: --page {nextPage}");
        });
        return command;
    }

    static Command Stuck(CommandActions actions)
    {
        var command = new Command("stuck", "Running sagas with no transition for longer than their type's threshold");
        var type = new Option<string?>("--type") { Description = "Only this workflow type" };
        command.Add(type);
        actions.Set(command, async (session, parse, cancellationToken) =>
        {
            var query = parse.GetValue(type) is { } t ? [KeyValuePair.Create("type", t)] : new List<KeyValuePair<string, string>>();
            var result = await session.Api.GetAsync(QueryString.Append("api/sagas/stuck", query), cancellationToken);
            if (session.Json)
                session.WriteJson(result);
            else
                WriteSagas(session.Output, Display.Items(result));
        });
        return command;
    }

    static Command Show(CommandActions actions)
    {
        var command = new Command("show", "A saga's state, fields, parent, children and timeline");
        var id = CliArguments.SagaId();
        command.Add(id);
        actions.Set(command, async (session, parse, cancellationToken) =>
        {
            var saga = await session.Api.GetAsync($"api/sagas/{parse.GetValue(id)}", cancellationToken);
            if (session.Json)
            {
                session.WriteJson(saga);
                return;
            }

            WriteSummary(session.Output, saga);
            var children = new TableWriter("ID", "TYPE", "STATE");
            foreach (var child in Display.Items(saga, "children"))
                children.Add(Display.Text(child?["id"]), Display.Text(child?["type"]), Display.Text(child?["state"]));
            if (children.Count > 0)
            {
                session.Output.WriteLine();
                session.Output.WriteLine("Children");
                children.Write(session.Output, "  ");
            }

            var timeline = new TableWriter("#", "EVENT", "FROM", "TO", "AT");
            foreach (var step in Display.Items(saga, "history"))
            {
                timeline.Add(Display.Text(step?["sequence"]), Display.Text(step?["event"]), Display.Text(step?["fromState"]),
                    Display.Text(step?["toState"]), Display.Time(step?["occurredAt"], milliseconds: true));
            }

            session.Output.WriteLine();
            session.Output.WriteLine("Timeline");
            timeline.Write(session.Output, "  ");
        });
        return command;
    }

    /// <summary>The generic saga view without its timeline: the same for every type, so scripts read one shape.</summary>
    static Command Query(CommandActions actions)
    {
        var command = new Command("query", "A saga's current state and fields (no timeline)");
        var id = CliArguments.SagaId();
        command.Add(id);
        actions.Set(command, async (session, parse, cancellationToken) =>
        {
            var saga = await session.Api.GetAsync($"api/sagas/{parse.GetValue(id)}", cancellationToken);
            if (session.Json)
            {
                if (saga is JsonObject json)
                    json.Remove("history");
                session.WriteJson(saga);
                return;
            }

            WriteSummary(session.Output, saga);
        });
        return command;
    }

    static Command Signal(CommandActions actions)
    {
        var command = new Command("signal", "Send a signal (e.g. approve) to a running saga");
        var id = CliArguments.SagaId();
        var name = new Argument<string>("name") { Description = "The signal's name, as the workflow declares it (sagas workflows lists them)" };
        var data = CliArguments.JsonObject("--data", "The signal's fields as a JSON object, e.g. '{\"by\":\"boss\"}'");
        command.Add(id);
        command.Add(name);
        command.Add(data);
        actions.Set(command, async (session, parse, cancellationToken) =>
        {
            var result = await session.Api.PostAsync(
                $"api/sagas/{parse.GetValue(id)}/signals/{QueryString.Segment(parse.GetValue(name)!)}", parse.GetValue(data) ?? [], cancellationToken);
            if (session.Json)
                session.WriteJson(result);
            else
                await session.Output.WriteLineAsync($"Sent {parse.GetValue(name)} to {parse.GetValue(id)}");
        });
        return command;
    }

    static Command End(CommandActions actions, string verb)
    {
        var description = verb == "cancel"
            ? "Ask a running saga to cancel: it undoes what it did, if its workflow allows cancelling now"
            : "End a running saga at once in state Terminated, without undoing anything";
        var command = new Command(verb, description);
        var id = CliArguments.SagaId();
        var reason = new Option<string?>("--reason") { Description = "Why; kept with the saga" };
        command.Add(id);
        command.Add(reason);
        actions.Set(command, async (session, parse, cancellationToken) =>
        {
            var result = await session.Api.PostAsync($"api/sagas/{parse.GetValue(id)}/{verb}", new JsonObject { ["reason"] = parse.GetValue(reason) }, cancellationToken);
            if (session.Json)
                session.WriteJson(result);
            else
                await session.Output.WriteLineAsync($"Asked {parse.GetValue(id)} to {verb}");
        });
        return command;
    }

    public static void WriteSagas(TextWriter output, IEnumerable<JsonNode?> sagas)
    {
        var table = new TableWriter("ID", "TYPE", "STATE", "CREATED", "UPDATED", "COMPLETED", "PARENT");
        foreach (var saga in sagas)
        {
            table.Add(Display.Text(saga?["id"]), Display.Text(saga?["type"]), Display.Text(saga?["state"]), Display.Time(saga?["createdAt"]),
                Display.Time(saga?["updatedAt"]), Display.Time(saga?["completedAt"]), Display.Text(saga?["parentId"]));
        }

        table.Write(output);
    }

    static void WriteSummary(TextWriter output, JsonNode? saga)
    {
        var terminal = saga?["terminal"] is JsonValue ended && ended.TryGetValue<bool>(out var isTerminal) && isTerminal;
        output.WriteLine($"{Display.Text(saga?["type"])} {Display.Text(saga?["id"])}");
        var summary = new TableWriter("", "") { ShowHeaders = false };
        summary.Add("state", Display.Text(saga?["state"]) + (terminal ? " (ended)" : ""));
        summary.Add("created", Display.Time(saga?["createdAt"]));
        summary.Add("updated", Display.Time(saga?["updatedAt"]));
        summary.Add("completed", Display.Time(saga?["completedAt"]));
        if (saga?["parent"] is JsonObject parent)
            summary.Add("parent", $"{Display.Text(parent["type"])} {Display.Text(parent["id"])} {Display.Text(parent["state"])}");
        summary.Write(output, "  ");

        if (saga?["fields"] is JsonObject { Count: > 0 } fields)
        {
            output.WriteLine();
            output.WriteLine("Fields");
            var table = new TableWriter("", "") { ShowHeaders = false };
            // Columns a workflow is not using now (no step in flight, no failure) are null; listing them is noise. --json has them all.
            foreach (var (name, value) in fields.Where(f => f.Value is not null))
                table.Add(name, Display.Value(value));
            table.Write(output, "  ");
        }
    }
}
