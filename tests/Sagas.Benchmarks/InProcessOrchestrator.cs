using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sagas.ActivityWorkers.Ledger;
using Sagas.Orchestrator;
using Sagas.Orchestrator.Data;
using Sagas.Orchestrator.Workflows.Transfers;

namespace Sagas.Benchmarks;

/// <summary>The orchestrator as its Program.cs builds it, minus HTTP, plus the queries the benchmark needs.</summary>
public sealed class InProcessOrchestrator : IAsyncDisposable
{
    readonly IHost _host;

    InProcessOrchestrator(IHost host) => _host = host;

    public IBus Bus => _host.Services.GetRequiredService<IBus>();

    public static async Task<InProcessOrchestrator> StartAsync(Dictionary<string, string?> settings, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        // Sagas__* variables (e.g. Sagas__ConcurrentMessageLimit) still win, so settings can be tried without code changes.
        builder.Configuration.AddEnvironmentVariables();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning)
            // On a fresh database EF logs its probe of the missing migrations-history table as a failed command;
            // a failure that matters shows up as a MassTransit fault and in the verification instead.
            .AddFilter(DbLoggerCategory.Database.Command.Name, LogLevel.None);
        builder.Services.AddOrchestrator(builder.Configuration);
        // A StartTransfer published before the saga endpoint listens would be lost.
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);

        var host = builder.Build();
        await host.Services.MigrateOrchestratorDatabaseAsync(builder.Configuration);
        await host.StartAsync(cancellationToken);
        return new InProcessOrchestrator(host);
    }

    public async Task OpenAccountsAsync(IEnumerable<string> ids, decimal balance)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LedgerDbContext>();
        db.Accounts.AddRange(ids.Select(id => new Account { Id = id, Balance = balance }));
        await db.SaveChangesAsync();
    }

    public Task<int> TerminalCountAsync(CancellationToken cancellationToken) =>
        QueryAsync<SagasDbContext, int>(db => db.Set<TransferState>().CountAsync(x => x.CompletedAt != null, cancellationToken));

    public Task<List<TransferState>> TransfersAsync() =>
        QueryAsync<SagasDbContext, List<TransferState>>(db => db.Set<TransferState>().AsNoTracking().ToListAsync());

    public Task<List<Account>> AccountsAsync() =>
        QueryAsync<LedgerDbContext, List<Account>>(db => db.Accounts.AsNoTracking().ToListAsync());

    public Task<List<LedgerEntry>> LedgerEntriesAsync() =>
        QueryAsync<LedgerDbContext, List<LedgerEntry>>(db => db.LedgerEntries.AsNoTracking().ToListAsync());

    async Task<T> QueryAsync<TContext, T>(Func<TContext, Task<T>> query)
        where TContext : DbContext
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<TContext>());
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(TimeSpan.FromSeconds(10));
        _host.Dispose();
    }
}
