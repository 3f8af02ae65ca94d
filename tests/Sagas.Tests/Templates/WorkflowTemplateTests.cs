using System.Diagnostics;
using Sagas.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Sagas.Tests.Templates;

/// <summary>
/// The way a team adds a workflow, done on a clone of this checkout: install the template, make a
/// workflow with it, add its migration, and run the test it came with. Nothing outside the new
/// workflow's folders and the migrations may change. About three minutes: it builds the solution.
/// </summary>
[Trait("Category", "Template")]
public sealed class WorkflowTemplateTests(ITestOutputHelper output) : IDisposable
{
    readonly string _root = Path.Combine(Path.GetTempPath(), $"sagas-template-{Guid.NewGuid():N}");

    [Fact]
    public async Task A_workflow_made_with_the_template_builds_migrates_and_passes_its_test_with_no_edit_outside_its_folders()
    {
        var clone = Path.Combine(_root, "repo");
        var hive = Path.Combine(_root, "hive");
        await RunAsync(Repository.Root, "git", "clone", "--quiet", Repository.Root, clone);

        await RunAsync(clone, "dotnet", "new", "install", Path.Combine(clone, "templates", "sagas-workflow"), "--debug:custom-hive", hive);
        await RunAsync(clone, "dotnet", "new", "sagas-workflow", "-n", "CoffeeShop", "-o", ".", "--debug:custom-hive", hive);
        await RunAsync(clone, Path.Combine(clone, "scripts", "add-migration.sh"), "AddCoffeeShop", "Orchestrator");

        var changed = (await RunAsync(clone, "git", "status", "--porcelain", "--untracked-files=all"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line[3..]).ToList();
        string[] allowed =
        [
            "src/Contracts/CoffeeShop/", "src/Orchestrator/Workflows/CoffeeShop/", "src/ActivityWorkers/CoffeeShop/",
            "tests/Sagas.Tests/Orchestrator/Workflows/CoffeeShop/", "src/Orchestrator/Migrations/",
        ];
        Assert.NotEmpty(changed);
        Assert.All(changed, path => Assert.Contains(allowed, folder => path.StartsWith(folder, StringComparison.Ordinal)));
        Assert.Contains(changed, path => path.StartsWith("src/ActivityWorkers/CoffeeShop/", StringComparison.Ordinal));

        var test = await RunAsync(clone, "dotnet", "test", "tests/Sagas.Tests", "-c", "Release",
            "--filter", "FullyQualifiedName~Sagas.Tests.Orchestrator.Workflows.CoffeeShop");
        Assert.Contains("Passed!  - Failed:     0, Passed:     2", test, StringComparison.Ordinal);
    }

    async Task<string> RunAsync(string directory, string command, params string[] arguments)
    {
        var start = new ProcessStartInfo(command) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        // Build servers outlive the build holding its output open, and this would wait for them.
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0";
        start.Environment["UseSharedCompilation"] = "false";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(timeout.Token);
        var text = await stdout + await stderr;
        output.WriteLine($"$ {command} {string.Join(' ', arguments)} → {process.ExitCode}");
        if (process.ExitCode != 0)
            output.WriteLine(text);
        Assert.True(process.ExitCode == 0, $"{command} {string.Join(' ', arguments)} exited {process.ExitCode}:\n{text}");
        return text;
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
            Directory.Delete(_root, recursive: true);
    }
}
