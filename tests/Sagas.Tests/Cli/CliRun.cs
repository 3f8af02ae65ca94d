using System.Text.Json;
using System.Text.RegularExpressions;

namespace Sagas.Tests.Cli;

/// <summary>What one <c>sagas</c> invocation printed and how it exited.</summary>
public sealed partial record CliRun(int ExitCode, string Out, string Err)
{
    public string[] Lines => Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();

    public JsonElement Json => JsonDocument.Parse(Out).RootElement;

    /// <summary>The first GUID printed, e.g. the id in "Started Transfer 3f…".</summary>
    public Guid Id => Guid.Parse(GuidPattern().Match(Out) is { Success: true } match ? match.Value : throw new Xunit.Sdk.XunitException($"No id in: {this}"));

    public CliRun Succeeded()
    {
        Assert.True(ExitCode == 0, $"sagas exited {ExitCode}: {this}");
        return this;
    }

    /// <summary>Cells of a table's rows, split on the two-space gaps the table writer puts between columns.</summary>
    public List<string[]> Rows(string? afterHeading = null, string? indent = null)
    {
        var lines = Lines.AsEnumerable();
        if (afterHeading is not null)
            lines = lines.SkipWhile(l => l != afterHeading).Skip(1).TakeWhile(l => l.StartsWith(indent ?? "  ", StringComparison.Ordinal));
        return [.. lines.Select(l => ColumnGap().Split(l.Trim()))];
    }

    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Err}";

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex GuidPattern();

    [GeneratedRegex(" {2,}")]
    private static partial Regex ColumnGap();
}
