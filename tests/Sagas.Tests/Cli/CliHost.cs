using System.Net.Http.Json;
using Sagas.Cli;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Cli;

/// <summary>A running orchestrator (the API on the embedded stack) and the <c>sagas</c> CLI pointed at it, in this process.</summary>
public class CliHost : IAsyncLifetime
{
    readonly string _file = Path.Combine(Path.GetTempPath(), $"sagas-{Guid.NewGuid():N}.db");

    public ApiHost Api { get; private set; } = null!;

    public string Url => Api.Http.BaseAddress!.ToString();

    /// <summary>Settings on top of the embedded defaults; <see cref="CliHost"/> subclasses change them.</summary>
    protected virtual void Configure(Dictionary<string, string?> settings)
    {
        // Orders here wait in Reserving (every reserve fails and is redelivered) so that a test can cancel one that runs.
        settings["Sagas:Activities:ReserveInventory:Faults:FailureRate"] = "1";
        settings["Sagas:Workflows:Order:StuckAfter"] = "00:00:01";
    }

    public async Task InitializeAsync()
    {
        var settings = OrchestratorHost.Embedded(_file);
        Configure(settings);
        Api = await ApiHost.StartAsync(settings);
        if (settings.GetValueOrDefault("Sagas:Api:Key") is { } key)
            Api.Http.DefaultRequestHeaders.Add("X-Api-Key", key);
        foreach (var (account, balance) in new[] { ("alice", 1000m), ("bob", 0m) })
            (await Api.Http.PostAsJsonAsync("/api/accounts", new { accountId = account, balance })).EnsureSuccessStatusCode();
    }

    /// <summary>Runs <c>sagas ARGS --url THIS-HOST</c>; the environment is empty, so a SAGAS_URL outside the test changes nothing.</summary>
    public Task<CliRun> RunAsync(params string[] args) => RunAgainstAsync(Url, args);

    public static async Task<CliRun> RunAgainstAsync(string? url, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await SagasCli.RunAsync(url is null ? args : [.. args, "--url", url], output, error, _ => null, null);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    public async Task DisposeAsync()
    {
        await Api.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var path in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(_file) + "*"))
            File.Delete(path);
    }
}
