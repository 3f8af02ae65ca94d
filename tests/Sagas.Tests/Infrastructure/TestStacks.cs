using System.Net;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Sagas.ActivityWorkers.Ledger;
using Sagas.Durability.Hosting;
using Sagas.Orchestrator.Data;

namespace Sagas.Tests.Infrastructure;

/// <summary>Runs a scenario on a fresh stack: its own SQLite file, or its own PostgreSQL database and RabbitMQ vhost.</summary>
public static class TestStacks
{
    public static async Task OnEmbeddedAsync(Func<Dictionary<string, string?>, Task> scenario)
    {
        var file = Path.Combine(Path.GetTempPath(), $"sagas-{Guid.NewGuid():N}.db");
        try
        {
            await scenario(OrchestratorHost.Embedded(file));
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var path in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(file) + "*"))
                File.Delete(path);
        }
    }

    public static async Task OnRealStackAsync(Func<Dictionary<string, string?>, Task> scenario)
    {
        await using var database = await TestServers.CreatePostgresDatabaseAsync();
        await using var broker = await TestServers.CreateRabbitMqVirtualHostAsync();
        await scenario(OrchestratorHost.RealStack(database.ConnectionString, broker.ConnectionString));
    }

    /// <summary>Settings for our executables run as processes on the real stack, as environment variables.</summary>
    public static Dictionary<string, string> ProcessEnvironment(TemporaryResource database, TemporaryResource broker) => new()
    {
        ["Sagas__Transport"] = "RabbitMq",
        ["Sagas__Database"] = "Postgres",
        ["Sagas__HostActivities"] = "false",
        ["ConnectionStrings__Sagas"] = database.ConnectionString,
        ["ConnectionStrings__RabbitMq"] = broker.ConnectionString,
        ["Urls"] = "http://127.0.0.1:0",
    };

    /// <summary>The saga tables of a database that our processes use, opened from the test.</summary>
    public static PostgresSagasDbContext Sagas(string postgres) =>
        new(new DbContextOptionsBuilder<PostgresSagasDbContext>().UseNpgsql(postgres).Options);

    /// <summary>A loopback port that was free a moment ago.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The ledger of a database that our processes use, opened from the test.</summary>
    public static PostgresLedgerDbContext Ledger(string postgres) =>
        new(new DbContextOptionsBuilder<PostgresLedgerDbContext>()
            .UseNpgsql(postgres, x => x.MigrationsHistoryTable(DurabilityServiceCollectionExtensions.MigrationsHistoryTable<LedgerDbContext>())).Options);

    /// <summary>
    /// What <see cref="OrchestratorHost.OpenAccountsAsync"/> does, for tests whose services run as processes.
    /// The ledger is the workers': before one has started, its tables are made here as a worker's start would.
    /// </summary>
    public static async Task OpenAccountsAsync(string postgres, IEnumerable<(string Id, decimal Balance)> accounts)
    {
        await using var ledger = Ledger(postgres);
        await ledger.Database.MigrateAsync();
        ledger.Accounts.AddRange(accounts.Select(a => new Account { Id = a.Id, Balance = a.Balance }));
        await ledger.SaveChangesAsync();
    }
}
