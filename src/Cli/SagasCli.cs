using System.CommandLine;
using System.CommandLine.Help;
using Sagas.Cli.Commands;

namespace Sagas.Cli;

/// <summary>The <c>sagas</c> command line; callable in-process with its own writers, which is how the tests run it.</summary>
public static class SagasCli
{
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default) =>
        RunAsync(args, output, error, Environment.GetEnvironmentVariable, null, cancellationToken);

    /// <param name="environment">Where SAGAS_URL and SAGAS_API_KEY are read from.</param>
    /// <param name="handler">Sends the HTTP requests; null for a plain <see cref="HttpClientHandler"/>.</param>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, Func<string, string?> environment,
        HttpMessageHandler? handler, CancellationToken cancellationToken = default)
    {
        var root = Build(new CommandActions(new GlobalOptions(environment), handler));
        var parse = root.Parse(args);
        // System.CommandLine exits 1 on a parse error; 1 here means "the server refused", so usage errors get their own code.
        if (parse.Errors.Count > 0)
        {
            foreach (var parseError in parse.Errors)
                await error.WriteLineAsync($"sagas: {parseError.Message}");
            await error.WriteLineAsync($"Try '{CommandPath(parse)} --help'.");
            return ExitCodes.Usage;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }

    /// <summary>A plain command named <c>sagas</c> rather than a RootCommand, which takes the executable's name (Sagas.Cli).</summary>
    public static Command Build(CommandActions actions)
    {
        var root = new Command("sagas", $"""
            Inspect and drive the Sagas orchestrator over its HTTP API.
            Tables for people by default; --json prints the API's JSON for scripts. Data goes to stdout, errors to stderr.

            {ExitCodes.Help}
            """)
        {
            new HelpOption(),
            new VersionOption(),
        };
        foreach (var option in actions.Globals.All)
            root.Add(option);
        foreach (var command in SagaCommands.Create(actions))
            root.Add(command);
        root.Add(StartCommands.Create(actions));
        root.Add(WorkflowCommands.Create(actions));
        root.Add(BulkCommands.Create(actions));
        root.Add(ScheduleCommands.Create(actions));
        root.Add(ErrorCommands.Create(actions));
        return root;
    }

    static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
            names.Insert(0, result.Command.Name);
        return string.Join(' ', names);
    }
}
