using System.Net.Http.Json;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Sagas.ActivityWorkers.Ledger;
using Sagas.Durability.Sagas;
using Sagas.Orchestrator;
using Sagas.Orchestrator.Data;
using Sagas.Orchestrator.Schedules;

namespace Sagas.Tests.Schedules;

/// <summary>The orchestrator with its schedules API on a loopback port, on the stack the settings name.</summary>
public sealed class ScheduleHost : IAsyncDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    readonly WebApplication _app;

    ScheduleHost(WebApplication app, HttpClient http)
    {
        _app = app;
        Http = http;
    }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public IBus Bus => Services.GetRequiredService<IBus>();

    public static async Task<ScheduleHost> StartAsync(Dictionary<string, string?> settings, TimeProvider? clock = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration.AddInMemoryCollection([new("Urls", "http://127.0.0.1:0")]);
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(
            Enum.TryParse<LogLevel>(Environment.GetEnvironmentVariable("SAGAS_TEST_LOG_LEVEL"), out var level) ? level : LogLevel.Warning);
        LogContext.Current = null;
        builder.Services.AddOrchestrator(builder.Configuration);
        if (clock is not null)
            builder.Services.Replace(ServiceDescriptor.Singleton(clock));

        var app = builder.Build();
        await app.Services.MigrateOrchestratorDatabaseAsync(app.Configuration);
        app.UseStatusCodePages();
        app.MapScheduleEndpoints();
        await app.StartAsync();
        return new ScheduleHost(app, new HttpClient { BaseAddress = new Uri(app.Urls.First()) });
    }

    public Task<HttpResponseMessage> CreateAsync(object request) => Http.PostAsJsonAsync("/api/schedules", request);

    public async Task<T> QueryAsync<T>(Func<SagasDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<SagasDbContext>());
    }

    public async Task<T> LedgerAsync<T>(Func<LedgerDbContext, Task<T>> query)
    {
        await using var scope = Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<LedgerDbContext>());
    }

    public Task<List<TSaga>> SagasAsync<TSaga>()
        where TSaga : SagaInstance =>
        QueryAsync(db => db.Set<TSaga>().AsNoTracking().ToListAsync());

    public async Task OpenAccountsAsync(params (string Id, decimal Balance)[] accounts)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LedgerDbContext>();
        db.Accounts.AddRange(accounts.Select(a => new Account { Id = a.Id, Balance = a.Balance }));
        await db.SaveChangesAsync();
    }

    /// <summary>The schedule's next fire from Quartz's table (UTC ticks), as the scheduler itself will see it.</summary>
    public async Task<DateTimeOffset> NextFireTimeAsync(string schedule) =>
        new(await QueryAsync(db => db.Database.SqlQuery<long>(
            $"SELECT NEXT_FIRE_TIME AS \"Value\" FROM qrtz_TRIGGERS WHERE TRIGGER_GROUP = 'workflow-schedules' AND TRIGGER_NAME = {schedule}").SingleAsync()), TimeSpan.Zero);

    public static Task WaitUntilAsync(Func<bool> condition, string what) => WaitUntilAsync(() => Task.FromResult(condition()), what);

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? Wait);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out after {timeout ?? Wait} waiting for {what}.");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        using (var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
            await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }
}
