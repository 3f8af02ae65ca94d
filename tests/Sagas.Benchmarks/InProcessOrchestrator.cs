using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Sagas.ActivityWorkers.Ledger;
using Sagas.Durability.Outbox;
using Sagas.Orchestrator;
using Sagas.Orchestrator.Data;
using Sagas.Orchestrator.Workflows.Transfers;

namespace Sagas.Benchmarks;

/// <summary>
/// The orchestrator as its Program.cs builds it, its HTTP API on a loopback port included, plus the
/// queries the benchmark needs. Those see only rows created since it started: rows that
/// <see cref="Preload"/> writes are dated before, so a big preload is never read into memory.
/// </summary>
public sealed class InProcessOrchestrator : IAsyncDisposable
{
    readonly WebApplication _app;

    InProcessOrchestrator(WebApplication app, DateTime startedAt)
    {
        _app = app;
        StartedAt = startedAt;
        Http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
    }

    public IBus Bus => _app.Services.GetRequiredService<IBus>();

    public IServiceProvider Services => _app.Services;

    /// <summary>The API, as an operator's client reaches it.</summary>
    public HttpClient Http { get; }

    /// <summary>By this process's clock, which stamps created_at; every row of this run is created later.</summary>
    public DateTime StartedAt { get; }

    /// <param name="overrides">Settings a mode depends on, which win even over Sagas__* variables.</param>
    public static async Task<InProcessOrchestrator> StartAsync(Dictionary<string, string?> settings, IReadOnlyDictionary<string, string?>? overrides,
        CancellationToken cancellationToken)
    {
        var startedAt = DateTime.UtcNow;
        var builder = WebApplication.CreateBuilder();
        // Not the appsettings.json copied beside this assembly (a deployment's: SQLite, port 5080): the settings, then
        // Sagas__* variables (e.g. Sagas__ConcurrentMessageLimit), which still win so that settings can be tried without code changes.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddInMemoryCollection(overrides ?? new Dictionary<string, string?>());
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders().AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning)
            // On a fresh database EF logs its probe of the missing migrations-history table as a failed command;
            // a failure that matters shows up as a MassTransit fault and in the verification instead.
            .AddFilter(DbLoggerCategory.Database.Command.Name, LogLevel.None);
        builder.Services.AddOrchestrator(builder.Configuration);
        // A StartTransfer published before the saga endpoint listens would be lost.
        builder.Services.Configure<MassTransitHostOptions>(o => o.WaitUntilStarted = true);

        var app = builder.Build();
        await app.Services.MigrateOrchestratorDatabaseAsync(app.Configuration);
        app.UseOrchestrator();
        await app.StartAsync(cancellationToken);
        return new InProcessOrchestrator(app, startedAt);
    }

    public async Task OpenAccountsAsync(IEnumerable<string> ids, decimal balance)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LedgerDbContext>();
        db.Accounts.AddRange(ids.Select(id => new Account { Id = id, Balance = balance }));
        await db.SaveChangesAsync();
    }

    /// <summary>Polled while a batch runs: the (created_at, id) index keeps it to this run's rows however big the table.</summary>
    public Task<int> TerminalCountAsync(CancellationToken cancellationToken) =>
        QueryAsync<SagasDbContext, int>(db => Transfers(db).CountAsync(x => x.CompletedAt != null, cancellationToken));

    public Task<int> CountInStateAsync(string state, CancellationToken cancellationToken) =>
        QueryAsync<SagasDbContext, int>(db => Transfers(db).CountAsync(x => x.CurrentState == state, cancellationToken));

    /// <summary>Messages committed but not yet handed to the broker.</summary>
    public Task<int> UndeliveredCountAsync(CancellationToken cancellationToken) =>
        QueryAsync<SagasDbContext, int>(db => db.Set<OutboxMessage>().CountAsync(x => x.DeliveredAt == null, cancellationToken));

    public Task<List<TransferState>> TransfersAsync() =>
        QueryAsync<SagasDbContext, List<TransferState>>(db => Transfers(db).AsNoTracking().ToListAsync());

    /// <summary>The benchmark's accounts; preloaded ones are told apart by their prefix, since accounts keep no time.</summary>
    public Task<List<Account>> AccountsAsync() =>
        QueryAsync<LedgerDbContext, List<Account>>(db => db.Accounts.AsNoTracking().Where(x => !x.Id.StartsWith(Preload.AccountPrefix)).ToListAsync());

    public Task<List<LedgerEntry>> LedgerEntriesAsync() =>
        QueryAsync<LedgerDbContext, List<LedgerEntry>>(db => db.LedgerEntries.AsNoTracking().Where(x => x.CreatedAt >= StartedAt).ToListAsync());

    IQueryable<TransferState> Transfers(SagasDbContext db) => db.Set<TransferState>().Where(x => x.CreatedAt >= StartedAt);

    async Task<T> QueryAsync<TContext, T>(Func<TContext, Task<T>> query)
        where TContext : DbContext
    {
        await using var scope = _app.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<TContext>());
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync(TimeSpan.FromSeconds(10));
        await _app.DisposeAsync();
    }
}
