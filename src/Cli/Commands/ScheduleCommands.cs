using System.CommandLine;
using System.Text.Json.Nodes;
using Sagas.Cli.Output;

namespace Sagas.Cli.Commands;

/// <summary><c>sagas schedules …</c>: named schedules that start workflows.</summary>
public static class ScheduleCommands
{
    public static Command Create(CommandActions actions)
    {
        var command = new Command("schedules", "Named schedules that start workflows: list, show, create, pause, resume, trigger, delete");
        command.Add(List(actions));
        command.Add(Show(actions));
        command.Add(New(actions));
        command.Add(Change(actions, "pause", "Stop firing until resumed", "Paused"));
        command.Add(Change(actions, "resume", "Fire again (a missed fire runs once, unless its misfire is Skip)", "Resumed"));
        command.Add(Change(actions, "trigger", "Run the workflow now, even while another run runs", "Triggered"));
        command.Add(Change(actions, "delete", "Delete the schedule (its runs go on)", "Deleted"));
        return command;
    }

    static Command List(CommandActions actions)
    {
        var command = new Command("list", "Every schedule with its next fire");
        actions.Set(command, async (session, _, cancellationToken) =>
        {
            var schedules = await session.Api.GetAsync("api/schedules", cancellationToken);
            if (session.Json)
            {
                session.WriteJson(schedules);
                return;
            }

            var table = new TableWriter("NAME", "WORKFLOW", "WHEN", "STATE", "NEXT FIRE", "LAST OUTCOME");
            foreach (var schedule in Display.Items(schedules))
            {
                var spec = schedule?["spec"];
                table.Add(Display.Text(spec?["name"]), Display.Text(spec?["workflow"]), When(spec), Display.Text(schedule?["state"]),
                    Display.Time(schedule?["nextFireTimes"]?.AsArray().FirstOrDefault()), Display.Text(schedule?["lastOutcome"]));
            }

            table.Write(session.Output);
        });
        return command;
    }

    static Command Show(CommandActions actions)
    {
        var command = new Command("show", "A schedule's spec, state, next fires and last run");
        var name = NameArgument();
        command.Add(name);
        actions.Set(command, async (session, parse, cancellationToken) =>
        {
            var schedule = await session.Api.GetAsync($"api/schedules/{QueryString.Segment(parse.GetValue(name)!)}", cancellationToken);
            if (session.Json)
            {
                session.WriteJson(schedule);
                return;
            }

            var spec = schedule?["spec"];
            var table = new TableWriter("", "") { ShowHeaders = false };
            table.Add("name", Display.Text(spec?["name"]));
            table.Add("workflow", Display.Text(spec?["workflow"]));
            table.Add("when", When(spec));
            table.Add("input", Display.Text(spec?["input"]));
            table.Add("overlap", Display.Text(spec?["overlap"]));
            table.Add("misfire", Display.Text(spec?["misfire"]));
            table.Add("state", Display.Text(schedule?["state"]));
            table.Add("next fires", string.Join(", ", Display.Items(schedule, "nextFireTimes").Select(t => Display.Time(t))));
            table.Add("last run", Display.Text(schedule?["lastRunId"]));
            table.Add("last outcome", Display.Text(schedule?["lastOutcome"]));
            table.Write(session.Output);
        });
        return command;
    }

    static Command New(CommandActions actions)
    {
        var command = new Command("create", "Create a schedule (exactly one of --cron and --interval)");
        var name = NameArgument();
        var workflow = new Option<string>("--workflow") { Description = "The workflow to start, e.g. DailyReport", Required = true };
        var cron = new Option<string?>("--cron") { Description = "5 fields (0 9 * * *) or Quartz's 6-7" };
        var interval = new Option<string?>("--interval") { Description = "hh:mm:ss, at least 1 s" };
        var timeZone = new Option<string?>("--time-zone") { Description = "IANA id the cron reads in (default UTC)" };
        var input = CliArguments.JsonObject("--input", "The start message's fields as a JSON object");
        var start = CliArguments.Instant("--start", "No fire before");
        var end = CliArguments.Instant("--end", "No fire after");
        var overlap = new Option<string?>("--overlap") { Description = "While the last run runs: Skip (default), AllowAll or BufferOne" };
        var misfire = new Option<string?>("--misfire") { Description = "Missed fires: RunOnce (default) or Skip" };
        var jitter = new Option<string?>("--jitter") { Description = "hh:mm:ss, at most 1 h: each fire waits a random part of it" };
        command.Add(name);
        foreach (var option in new Option[] { workflow, cron, interval, timeZone, input, start, end, overlap, misfire, jitter })
            command.Add(option);
        command.Validators.Add(result =>
        {
            if (result.GetValue(cron) is null == (result.GetValue(interval) is null))
                result.AddError("give exactly one of --cron and --interval");
        });
        actions.Set(command, async (session, parse, cancellationToken) =>
        {
            var request = new JsonObject
            {
                ["name"] = parse.GetValue(name),
                ["workflow"] = parse.GetValue(workflow),
                ["cron"] = parse.GetValue(cron),
                ["interval"] = parse.GetValue(interval),
                ["timeZone"] = parse.GetValue(timeZone),
                ["input"] = parse.GetValue(input),
                ["start"] = parse.GetValue(start) is { } s ? CliArguments.Iso(s) : null,
                ["end"] = parse.GetValue(end) is { } e ? CliArguments.Iso(e) : null,
                ["overlap"] = parse.GetValue(overlap),
                ["misfire"] = parse.GetValue(misfire),
                ["jitter"] = parse.GetValue(jitter),
            };
            var created = await session.Api.PostAsync("api/schedules", request, cancellationToken);
            if (session.Json)
                session.WriteJson(created);
            else
                await session.Output.WriteLineAsync($"Created schedule {parse.GetValue(name)}; next fire {Display.Time(created?["nextFireTimes"]?.AsArray().FirstOrDefault())}");
        });
        return command;
    }

    static Command Change(CommandActions actions, string verb, string description, string done)
    {
        var command = new Command(verb, description);
        var name = NameArgument();
        command.Add(name);
        actions.Set(command, async (session, parse, cancellationToken) =>
        {
            var path = $"api/schedules/{QueryString.Segment(parse.GetValue(name)!)}";
            var result = verb == "delete"
                ? await session.Api.DeleteAsync(path, cancellationToken)
                : await session.Api.PostAsync($"{path}/{verb}", null, cancellationToken);
            if (session.Json)
                session.WriteJson(result ?? new JsonObject { ["name"] = parse.GetValue(name), ["done"] = verb });
            else
                await session.Output.WriteLineAsync($"{done} schedule {parse.GetValue(name)}");
        });
        return command;
    }

    static Argument<string> NameArgument() => new("name") { Description = "The schedule's name" };

    static string When(JsonNode? spec)
    {
        var zone = Display.Text(spec?["timeZone"]);
        if (Display.Text(spec?["cron"]) is { Length: > 0 } cron)
            return zone is "" or "UTC" ? $"cron {cron}" : $"cron {cron} ({zone})";
        return Display.Text(spec?["interval"]) is { Length: > 0 } interval ? $"every {interval}" : "";
    }
}
