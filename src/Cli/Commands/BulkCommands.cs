using System.CommandLine;
using System.Text.Json.Nodes;
using Sagas.Cli.Output;

namespace Sagas.Cli.Commands;

/// <summary>
/// <c>sagas bulk signal|cancel|terminate|redrive</c>: one action on every saga a filter matches. Without <c>--yes</c>
/// it only counts them, so the count a person sees is what they confirm.
/// </summary>
public static class BulkCommands
{
    public sealed record Confirmation(Option<bool> DryRun, Option<bool> Yes);

    public static Command Create(CommandActions actions)
    {
        var command = new Command("bulk", "Signal, cancel, terminate or redrive every saga a filter matches (counts only, unless --yes)");
        command.Add(Signal(actions));
        command.Add(End(actions, "cancel", "Cancel every matching saga"));
        command.Add(End(actions, "terminate", "Terminate every matching saga (no undo)"));
        command.Add(Redrive(actions));
        return command;
    }

    static Command Redrive(CommandActions actions)
    {
        var command = new Command("redrive", "Send the dead letters of every matching saga back to their queues");
        var filter = Filtered(command);
        var confirm = ConfirmOptions(command);
        actions.Set(command, (session, parse, cancellationToken) => RunAsync(session, parse, confirm, "api/sagas/bulk/redrive", new JsonObject
        {
            ["filter"] = filter.Body(parse),
        }, "sagas", "dead letters redriven", cancellationToken));
        return command;
    }

    static Command Signal(CommandActions actions)
    {
        var command = new Command("signal", "Send a signal to every matching saga");
        var name = new Argument<string>("name") { Description = "The signal's name" };
        var data = CliArguments.JsonObject("--data", "The signal's fields as a JSON object");
        command.Add(name);
        command.Add(data);
        var filter = Filtered(command);
        var confirm = ConfirmOptions(command);
        actions.Set(command, (session, parse, cancellationToken) => RunAsync(session, parse, confirm, "api/sagas/bulk/signal", new JsonObject
        {
            ["filter"] = filter.Body(parse),
            ["signal"] = parse.GetValue(name),
            ["data"] = parse.GetValue(data),
        }, "sagas", "signalled", cancellationToken));
        return command;
    }

    static Command End(CommandActions actions, string verb, string description)
    {
        var command = new Command(verb, description);
        var reason = new Option<string?>("--reason") { Description = "Why; kept with each saga" };
        command.Add(reason);
        var filter = Filtered(command);
        var confirm = ConfirmOptions(command);
        actions.Set(command, (session, parse, cancellationToken) => RunAsync(session, parse, confirm, $"api/sagas/bulk/{verb}", new JsonObject
        {
            ["filter"] = filter.Body(parse),
            ["reason"] = parse.GetValue(reason),
        }, "sagas", verb == "cancel" ? "asked to cancel" : "terminated", cancellationToken));
        return command;
    }

    /// <summary>A bulk action with no filter would hit every saga of every type; that has to be asked for by name.</summary>
    static SagaFilter Filtered(Command command)
    {
        var filter = new SagaFilter().AddTo(command);
        command.Validators.Add(result =>
        {
            if (filter.IsEmpty(result))
                result.AddError("give at least one filter (--type, --state, --since, --until, --attr)");
        });
        return filter;
    }

    public static Confirmation ConfirmOptions(Command command)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Only count the matches (the default without --yes)" };
        var yes = new Option<bool>("--yes") { Description = "Apply, not just count" };
        command.Add(dryRun);
        command.Add(yes);
        return new Confirmation(dryRun, yes);
    }

    public static async Task RunAsync(CliSession session, ParseResult parse, Confirmation confirm, string path, JsonObject request,
        string what, string done, CancellationToken cancellationToken)
    {
        var apply = parse.GetValue(confirm.Yes) && !parse.GetValue(confirm.DryRun);
        request["dryRun"] = !apply;
        var result = await session.Api.PostAsync(path, request, cancellationToken);
        if (session.Json)
        {
            session.WriteJson(result);
            return;
        }

        var matched = Display.Text(result?["matched"]);
        if (apply)
            await session.Output.WriteLineAsync($"{matched} {what} matched, {Display.Text(result?["applied"])} {done}");
        else
            await session.Output.WriteLineAsync($"{matched} {what} match (dry run); add --yes to apply");
    }
}
