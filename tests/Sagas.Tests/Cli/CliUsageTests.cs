using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using Sagas.Cli;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Cli;

/// <summary>What the CLI says before any request succeeds: help, usage errors, and an orchestrator that is not there.</summary>
public sealed class CliUsageTests
{
    [Fact]
    public async Task The_root_help_lists_the_commands_and_the_exit_codes()
    {
        var help = await CliHost.RunAgainstAsync(null, "--help");

        Assert.Equal(0, help.ExitCode);
        Assert.Contains("sagas [command] [options]", help.Out, StringComparison.Ordinal);
        Assert.Contains("5  cannot reach the orchestrator", help.Out, StringComparison.Ordinal);
        foreach (var command in new[] { "list", "show <id>", "signal <id> <name>", "schedules", "errors", "bulk", "workflows", "stuck" })
            Assert.Contains($"  {command}  ", help.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_command_has_help()
    {
        var root = SagasCli.Build(new CommandActions(new GlobalOptions(_ => null), null));
        var paths = new List<string[]>();
        Collect(root, [], paths);
        Assert.True(paths.Count > 25, $"only {paths.Count} commands");

        foreach (var path in paths)
        {
            var help = await CliHost.RunAgainstAsync(null, [.. path, "--help"]);
            Assert.True(help.ExitCode == 0, $"{string.Join(' ', path)}: {help}");
            Assert.Contains($"sagas {string.Join(' ', path)}", help.Out, StringComparison.Ordinal);
        }
    }

    public static TheoryData<string[], string> UsageErrors => new()
    {
        { [], "Required command was not provided" },
        { ["start", "transfer", "--from", "alice", "--to", "bob", "--amount", "lots"], "lots" },
        { ["start", "transfer", "--from", "alice", "--amount", "3"], "--to" },
        { ["start", "order", "--customer", "alice", "--item", "apple:two:1"], "is not sku:quantity:price" },
        { ["show", "not-a-guid"], "not-a-guid" },
        { ["signal", Guid.Empty.ToString(), "approve", "--data", "{broken"], "is not valid JSON" },
        { ["signal", Guid.Empty.ToString(), "approve", "--data", "[1]"], "is not a JSON object" },
        { ["list", "--attr", "customerId"], "is not name=value" },
        { ["list", "--since", "yesterday"], "is not an instant" },
        { ["list", "--limit", "0"], "is not a positive whole number" },
        { ["bulk", "cancel", "--yes"], "give at least one filter" },
        { ["errors", "redrive"], "give a message id, or a filter" },
        { ["list", "--url", "ftp://example"], "is not an http(s) URL" },
        { ["frobnicate"], "Unrecognized command or argument 'frobnicate'" },
    };

    [Theory]
    [MemberData(nameof(UsageErrors))]
    public async Task A_usage_error_is_exit_code_2_with_the_reason_on_stderr(string[] args, string reason)
    {
        var run = await CliHost.RunAgainstAsync(null, args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(reason, run.Err, StringComparison.Ordinal);
        Assert.Contains("--help", run.Err, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task An_orchestrator_that_is_not_there_is_exit_code_5_naming_the_url()
    {
        var url = $"http://127.0.0.1:{TestStacks.FreePort()}";

        var run = await CliHost.RunAgainstAsync(url, "list");

        Assert.Equal(5, run.ExitCode);
        Assert.Contains($"cannot reach the orchestrator at {url}/", run.Err, StringComparison.Ordinal);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task The_url_comes_from_SAGAS_URL_when_not_given()
    {
        var url = $"http://127.0.0.1:{TestStacks.FreePort()}";
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await SagasCli.RunAsync(["workflows"], output, error, name => name == "SAGAS_URL" ? url : null, null);

        Assert.Equal(5, exitCode);
        Assert.Contains(url, error.ToString(), StringComparison.Ordinal);
    }


    static void Collect(Command command, string[] path, List<string[]> paths)
    {
        foreach (var sub in command.Subcommands)
        {
            string[] subPath = [.. path, sub.Name];
            paths.Add(subPath);
            Collect(sub, subPath, paths);
        }
    }
}
