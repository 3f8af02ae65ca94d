using System.CommandLine;
using System.Text.Json.Nodes;
using Sagas.Cli.Output;

namespace Sagas.Cli.Commands;

/// <summary><c>sagas workflows</c>: every workflow type with how many of its sagas are in each state, and its definition's version.</summary>
public static class WorkflowCommands
{
    public static Command Create(CommandActions actions)
    {
        var command = new Command("workflows", "Workflow types with their sagas counted per state, and the signals they accept");
        actions.Set(command, async (session, _, cancellationToken) =>
        {
            var workflows = await session.Api.GetAsync("api/workflows", cancellationToken);
            if (session.Json)
            {
                session.WriteJson(workflows);
                return;
            }

            var table = new TableWriter("TYPE", "VERSION", "STATE", "COUNT", "END", "SIGNALS");
            foreach (var workflow in Display.Items(workflows))
            {
                var (type, version) = (Display.Text(workflow?["type"]), Version(workflow));
                var signals = string.Join(", ", Display.Items(workflow, "signals").Select(Display.Text));
                var states = Display.Items(workflow, "states").ToList();
                if (states.Count == 0)
                    table.Add(type, version, "", "0", "", signals);
                foreach (var state in states)
                {
                    table.Add(type, version, Display.Text(state?["name"]), Display.Text(state?["count"]), End(state), signals);
                    (type, version, signals) = ("", "", "");
                }
            }

            table.Write(session.Output);
        });
        return command;
    }

    /// <summary>The deployed version, and the older ones whose instances still run on their own path.</summary>
    static string Version(JsonNode? workflow)
    {
        var deployed = Display.Text(workflow?["version"]);
        var older = Display.Items(workflow, "versions")
            .Where(v => Display.Text(v?["version"]) != deployed && Display.Text(v?["running"]) is not ("" or "0"))
            .Select(v => $"v{Display.Text(v?["version"])}: {Display.Text(v?["running"])} running");
        return string.Join("; ", [deployed, .. older]);
    }

    static string End(JsonNode? state) =>
        Flag(state?["succeeded"]) ? "succeeded" : Flag(state?["terminal"]) ? "ended" : "";

    static bool Flag(JsonNode? node) => node is JsonValue value && value.TryGetValue<bool>(out var flag) && flag;
}
