using System.Text.RegularExpressions;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Orchestrator.Workflows;

/// <summary>
/// The README's "Write your first workflow" shows the coffee order's own code: each block marked
/// <c>&lt;!-- from: path --&gt;</c> is in that file, line for line (indentation aside; <c>// …</c> skips
/// lines). So the walkthrough a newcomer follows is the one <see cref="CoffeeOrder.CoffeeOrderTests"/> runs.
/// </summary>
public sealed partial class WalkthroughTests
{
    [Fact]
    public void Every_code_block_of_the_walkthrough_is_in_the_file_it_comes_from()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        var walkthrough = readme[readme.IndexOf("## Write your first workflow", StringComparison.Ordinal)..];
        walkthrough = walkthrough[..walkthrough.IndexOf("\n## ", 3, StringComparison.Ordinal)];

        var blocks = FromBlock().Matches(walkthrough);
        Assert.True(blocks.Count >= 8, $"only {blocks.Count} code blocks name their file");
        var missing = blocks
            .Select(b => (File: b.Groups["file"].Value, Code: b.Groups["code"].Value))
            .Where(b => !Contains(File.ReadAllLines(Path.Combine(Repository.Root, b.File)), b.Code))
            .Select(b => $"{b.File}:\n{b.Code}");
        Assert.Empty(missing);
    }

    /// <summary>Each run of lines between <c>// …</c> is in the file as consecutive lines (blank ones aside), in the block's order.</summary>
    static bool Contains(string[] file, string code)
    {
        var lines = file.Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        var from = 0;
        foreach (var run in code.Split("// …").Select(r => r.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToArray()).Where(r => r.Length > 0))
        {
            var at = Enumerable.Range(from, Math.Max(0, lines.Length - run.Length - from + 1))
                .FirstOrDefault(i => lines.AsSpan(i, run.Length).SequenceEqual(run), -1);
            if (at < 0)
                return false;
            from = at + run.Length;
        }

        return true;
    }

    [GeneratedRegex(@"<!-- from: (?<file>\S+) -->\r?\n```\w+\r?\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex FromBlock();
}
