using MassTransit;
using MassTransit.Middleware;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;

namespace Sagas.Durability.Sagas;

/// <summary>Reads for queries and status requests; never locks and never writes.</summary>
sealed class ReadOnlySagaRepositoryContext<TSaga>(DbContext db, CancellationToken cancellationToken)
    : BasePipeContext(cancellationToken), QuerySagaRepositoryContext<TSaga>, LoadSagaRepositoryContext<TSaga>
    where TSaga : class, ISaga
{
    public Task<TSaga> Load(Guid correlationId) =>
        db.Set<TSaga>().AsNoTracking().SingleOrDefaultAsync(x => x.CorrelationId == correlationId, CancellationToken)!;

    public async Task<SagaRepositoryQueryContext<TSaga>> Query(ISagaQuery<TSaga> query, CancellationToken cancellationToken = default)
    {
        var ids = await db.Set<TSaga>().AsNoTracking().Where(query.FilterExpression).Select(x => x.CorrelationId)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return new DefaultSagaRepositoryQueryContext<TSaga>(this, ids);
    }
}
