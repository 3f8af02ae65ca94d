using System.Net.Http.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sagas.ActivityWorkers.Ledger;
using Sagas.Durability.Sagas;
using Sagas.Orchestrator.Data;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Operations.Schedules;

/// <summary>The orchestrator's API (<see cref="ApiHost"/>) with what schedule tests ask of it.</summary>
public sealed class ScheduleHost : IAsyncDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    readonly ApiHost _api;

    ScheduleHost(ApiHost api) => _api = api;

    public HttpClient Http => _api.Http;

    public IServiceProvider Services => _api.Services;

    public IBus Bus => _api.Bus;

    public static async Task<ScheduleHost> StartAsync(Dictionary<string, string?> settings, TimeProvider? clock = null) =>
        new(await ApiHost.StartAsync(settings, clock));

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

    public ValueTask DisposeAsync() => _api.DisposeAsync();
}
