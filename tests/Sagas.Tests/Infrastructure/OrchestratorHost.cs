using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sagas.ActivityWorkers;
using Sagas.ActivityWorkers.Ledger;
using Sagas.Contracts;
using Sagas.Durability.Hosting;
using Sagas.Orchestrator;
using Sagas.Orchestrator.Data;
using Sagas.Orchestrator.Workflows.Transfers;

namespace Sagas.Tests.Infrastructure;

/// <summary>The orchestrator (with its activities) in this process, on the stack the settings name.</summary>
public sealed class OrchestratorHost : IAsyncDisposable
{
    static readonly string[] TerminalStates = ["Completed", "Failed", "Refunded", "NeedsAttention"];

    readonly IHost _host;

    OrchestratorHost(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public IBus Bus => Services.GetRequiredService<IBus>();

    public static Dictionary<string, string?> Embedded(string databaseFile) => new()
    {
        ["Sagas:Transport"] = "InMemory",
        ["Sagas:Database"] = "Sqlite",
        ["ConnectionStrings:Sagas"] = $"Data Source={databaseFile}",
        ["Sagas:Scheduler:IdleWaitTime"] = "00:00:01",
    };

    public static Dictionary<string, string?> RealStack(string postgres, string rabbitMq) => new()
    {
        ["Sagas:Transport"] = "RabbitMq",
        ["Sagas:Database"] = "Postgres",
        ["Sagas:HostActivities"] = "true",
        ["ConnectionStrings:Sagas"] = postgres,
        ["ConnectionStrings:RabbitMq"] = rabbitMq,
        ["Sagas:Scheduler:IdleWaitTime"] = "00:00:01",
    };

    public static async Task<OrchestratorHost> StartAsync(Dictionary<string, string?> settings, Action<IBusRegistrationConfigurator>? configureBus = null,
        TimeProvider? clock = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(
            Enum.TryParse<LogLevel>(Environment.GetEnvironmentVariable("SAGAS_TEST_LOG_LEVEL"), out var level) ? level : LogLevel.Warning);
        // MassTransit keeps its log context in an AsyncLocal; a host started after another in the same
        // flow would otherwise log through the first host's disposed logger factory.
        LogContext.Current = null;
        builder.Services.AddOrchestrator(builder.Configuration, configureBus);
        // A test that hosts no activities stands in for the workers with consumers of its own, so it
        // keeps their data here: it opens accounts and reads the ledger as they would.
        if (!builder.Configuration.GetValue("Sagas:HostActivities", builder.Configuration.GetSagasOptions().Transport == TransportKind.InMemory))
            builder.Services.AddLedger(builder.Configuration, builder.Configuration.GetSagasOptions());
        if (clock is not null)
            builder.Services.Replace(ServiceDescriptor.Singleton(clock));

        var host = builder.Build();
        await host.Services.MigrateOrchestratorDatabaseAsync(builder.Configuration);
        await host.StartAsync();
        return new OrchestratorHost(host);
    }

    public async Task OpenAccountsAsync(IEnumerable<(string Id, decimal Balance)> accounts)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LedgerDbContext>();
        db.Accounts.AddRange(accounts.Select(a => new Account { Id = a.Id, Balance = a.Balance }));
        await db.SaveChangesAsync();
    }

    public async Task<List<Account>> AccountsAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LedgerDbContext>().Accounts.AsNoTracking().ToListAsync();
    }

    public async Task<List<LedgerEntry>> LedgerEntriesAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LedgerDbContext>().LedgerEntries.AsNoTracking().ToListAsync();
    }

    public async Task<List<TransferState>> TransfersAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SagasDbContext>().Set<TransferState>().AsNoTracking().ToListAsync();
    }

    public async Task<T> QueryAsync<T>(Func<SagasDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<SagasDbContext>());
    }

    public Task StartTransferAsync(StartTransfer command) => Bus.Publish(command);

    /// <summary>Waits until every transfer has reached a terminal state; fails naming the stuck ones.</summary>
    public async Task<List<TransferState>> WaitForTerminalAsync(IReadOnlyCollection<Guid> ids, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var transfers = await TransfersAsync();
            var finished = transfers.Where(t => ids.Contains(t.CorrelationId) && TerminalStates.Contains(t.CurrentState)).ToList();
            if (finished.Count == ids.Count)
                return finished;

            if (DateTime.UtcNow > deadline)
            {
                var stuck = transfers.Where(t => ids.Contains(t.CorrelationId) && !TerminalStates.Contains(t.CurrentState))
                    .GroupBy(t => t.CurrentState).Select(g => $"{g.Key}: {g.Count()}");
                var missing = ids.Count - transfers.Count(t => ids.Contains(t.CorrelationId));
                throw new TimeoutException($"{finished.Count}/{ids.Count} transfers terminal after {timeout}; not yet: {string.Join(", ", stuck)}; never started: {missing}");
            }

            await Task.Delay(200);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(TimeSpan.FromSeconds(10));
        _host.Dispose();
    }
}
