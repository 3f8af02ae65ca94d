using System.Diagnostics;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Cli;

/// <summary>
/// The NuGet tool package, installed the way a user installs it and run as <c>sagas</c>. It packs the
/// build the tests already made (<c>--no-build</c>) and installs from a folder only, so it costs seconds and no network.
/// </summary>
public sealed class PackedToolTests : IDisposable
{
    readonly string _folder = Directory.CreateTempSubdirectory("sagas-tool-").FullName;

    [Fact]
    public async Task The_packed_tool_installs_and_prints_its_usage()
    {
        var repository = Repository.Root;
        // The configuration this test assembly was built in; the Cli project was built in the same one, beside it.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        // A version of its own per run: the install would otherwise take an older package of the same version from a cache.
        var version = $"0.0.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}";
        await File.WriteAllTextAsync(Path.Combine(_folder, "nuget.config"), $"""
            <configuration>
              <packageSources>
                <clear />
                <add key="local" value="{_folder}" />
              </packageSources>
            </configuration>
            """);

        await RunAsync("dotnet", ["pack", Path.Combine(repository, "src", "Cli"), "-c", configuration, "--no-build", "-o", _folder, $"-p:Version={version}"]);
        await RunAsync("dotnet", ["tool", "install", "--tool-path", Path.Combine(_folder, "tools"), "--configfile", Path.Combine(_folder, "nuget.config"),
            "--version", version, "Sagas.Cli"]);
        var help = await RunAsync(Path.Combine(_folder, "tools", OperatingSystem.IsWindows() ? "sagas.exe" : "sagas"), ["--help"]);

        Assert.Contains("sagas [command] [options]", help, StringComparison.Ordinal);
        Assert.Contains("Exit codes:", help, StringComparison.Ordinal);
    }

    async Task<string> RunAsync(string file, string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        // Packages the install restores land here, not in the machine's cache.
        start.Environment["NUGET_PACKAGES"] = Path.Combine(_folder, "packages");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"{file} {string.Join(' ', args)} exited {process.ExitCode}:\n{await output}\n{await error}");
        return await output;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
