using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sagas.ActivityWorkers.Ledger;
using Sagas.Durability.Sagas;
using Sagas.Orchestrator.Data;

namespace Sagas.Tests.Infrastructure;

/// <summary>Reads a host's sagas and worker tables in a scope of their own.</summary>
public static class Databases
{
    public static async Task<TSaga?> SagaAsync<TSaga>(this IServiceProvider services, Guid id)
        where TSaga : SagaInstance
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SagasDbContext>().Set<TSaga>().AsNoTracking()
            .SingleOrDefaultAsync(x => x.CorrelationId == id);
    }

    public static Task<TSaga> WaitForStateAsync<TSaga>(this IServiceProvider services, Guid id, string state, TimeSpan? wait = null)
        where TSaga : SagaInstance =>
        Eventually.MatchAsync(() => services.SagaAsync<TSaga>(id), saga => saga.CurrentState == state, $"{typeof(TSaga).Name} {id} to reach {state}", wait);

    public static async Task<List<SagaHistoryEntry>> HistoryAsync(this IServiceProvider services, Guid id)
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SagasDbContext>().Set<SagaHistoryEntry>().AsNoTracking()
            .Where(x => x.CorrelationId == id).OrderBy(x => x.SequenceNumber).ToListAsync();
    }

    public static async Task<List<T>> WorkerRowsAsync<T>(this IServiceProvider services)
        where T : class
    {
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LedgerDbContext>().Set<T>().AsNoTracking().ToListAsync();
    }
}
