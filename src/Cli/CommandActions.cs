using System.CommandLine;

namespace Sagas.Cli;

/// <summary>Gives commands a <see cref="CliSession"/> and turns a <see cref="CliFailure"/> into its message on stderr and its exit code.</summary>
public sealed class CommandActions(GlobalOptions globals, HttpMessageHandler? handler)
{
    public GlobalOptions Globals { get; } = globals;

    public void Set(Command command, Func<CliSession, ParseResult, CancellationToken, Task> action) =>
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            using var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
            http.Timeout = TimeSpan.FromSeconds(parse.GetValue(Globals.Timeout));
            var baseUrl = new Uri(parse.GetValue(Globals.Url)!.TrimEnd('/') + "/");
            var session = new CliSession(new SagasApi(http, baseUrl, parse.GetValue(Globals.ApiKey)), output, error, parse.GetValue(Globals.Json));
            try
            {
                await action(session, parse, cancellationToken);
                return ExitCodes.Ok;
            }
            catch (CliFailure failure)
            {
                await error.WriteLineAsync($"sagas: {failure.Message}");
                return failure.ExitCode;
            }
        });
}
