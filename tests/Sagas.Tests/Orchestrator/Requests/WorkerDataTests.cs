using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Orchestrator.Requests;

/// <summary>
/// Accounts and stock are the activity workers' data: an orchestrator that hosts no activities neither
/// creates their tables nor reads them, and its API says plainly that no worker answered.
/// </summary>
public sealed class WorkerDataTests : IAsyncLifetime
{
    readonly string _file = Path.Combine(Path.GetTempPath(), $"sagas-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task Without_a_worker_the_accounts_and_stock_api_answer_503_and_the_workers_tables_are_not_made()
    {
        var settings = OrchestratorHost.Embedded(_file);
        settings["Sagas:HostActivities"] = "false";
        settings["Sagas:Api:WorkerTimeout"] = "00:00:01";
        await using var api = await ApiHost.StartAsync(settings);

        using var open = await api.Http.PostAsJsonAsync("/api/accounts", new { accountId = "ada", balance = 10 });
        using var stock = await api.Http.GetAsync("/api/inventory/milk");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, open.StatusCode);
        Assert.Contains("No activity worker answered within 1 s", await open.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, stock.StatusCode);
        Assert.Equal(0L, await ScalarAsync("SELECT COUNT(*) FROM sqlite_master WHERE name IN ('accounts', 'inventory_items')"));
        Assert.Equal(1L, await ScalarAsync("SELECT COUNT(*) FROM sqlite_master WHERE name = 'transfer_sagas'"));
    }

    async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_file}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(_file) + "*"))
            File.Delete(file);
        return Task.CompletedTask;
    }
}
