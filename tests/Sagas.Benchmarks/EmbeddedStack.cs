using Microsoft.Data.Sqlite;

namespace Sagas.Benchmarks;

/// <summary>In-memory transport and a fresh SQLite file; the orchestrator hosts the activities itself.</summary>
public sealed class EmbeddedStack : IBenchmarkStack
{
    readonly string _file = Path.Combine(Path.GetTempPath(), $"sagas-bench-{Guid.NewGuid():N}.db");

    public Dictionary<string, string?> Settings => new()
    {
        ["Sagas:Transport"] = "InMemory",
        ["Sagas:Database"] = "Sqlite",
        ["Sagas:HostActivities"] = "true",
        ["ConnectionStrings:Sagas"] = $"Data Source={_file}",
    };

    public string Description => $"SQLite {_file}, in-memory transport, activities in process";

    public Task OrchestratorStartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var path in new[] { _file, _file + "-wal", _file + "-shm" })
            File.Delete(path);
        return ValueTask.CompletedTask;
    }
}
