using MassTransit;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;
using Sagas.Durability.Storage;

namespace Sagas.Durability.Sagas;

/// <summary>
/// MassTransit's saga repository seam for any <see cref="SagaInstance"/> stored with EF Core.
/// Inside the durable outbox the consume transaction is already open and the saga joins it;
/// elsewhere the repository opens a short one of its own.
/// </summary>
public sealed class DurableSagaRepositoryContextFactory<TSaga, TDbContext>(
    TDbContext db,
    DurableDatabase database,
    TimeProvider clock)
    : ISagaRepositoryContextFactory<TSaga>, IQuerySagaRepositoryContextFactory<TSaga>, ILoadSagaRepositoryContextFactory<TSaga>
    where TSaga : SagaInstance
    where TDbContext : DbContext
{
    public Task Send<T>(ConsumeContext<T> context, IPipe<SagaRepositoryContext<TSaga, T>> next)
        where T : class
    {
        var repositoryContext = new DurableSagaRepositoryContext<TSaga, T>(db, context, LoadForUpdate, clock);
        return InTransaction(context.CancellationToken, () => next.Send(repositoryContext));
    }

    public Task SendQuery<T>(ConsumeContext<T> context, ISagaQuery<TSaga> query, IPipe<SagaRepositoryQueryContext<TSaga, T>> next)
        where T : class
    {
        var repositoryContext = new DurableSagaRepositoryContext<TSaga, T>(db, context, LoadForUpdate, clock);
        return InTransaction(context.CancellationToken, async () =>
        {
            var ids = await db.Set<TSaga>().AsNoTracking().Where(query.FilterExpression).Select(x => x.CorrelationId)
                .ToListAsync(context.CancellationToken).ConfigureAwait(false);
            await next.Send(new DefaultSagaRepositoryQueryContext<TSaga, T>(repositoryContext, ids)).ConfigureAwait(false);
        });
    }

    public async Task<T> Execute<T>(Func<QuerySagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class =>
        await asyncMethod(new ReadOnlySagaRepositoryContext<TSaga>(db, cancellationToken)).ConfigureAwait(false);

    public async Task<T> Execute<T>(Func<LoadSagaRepositoryContext<TSaga>, Task<T>> asyncMethod, CancellationToken cancellationToken = default)
        where T : class =>
        await asyncMethod(new ReadOnlySagaRepositoryContext<TSaga>(db, cancellationToken)).ConfigureAwait(false);

    public void Probe(ProbeContext context) => context.Add("persistence", "durable-efcore");

    IQueryable<TSaga> LoadForUpdate(Guid correlationId) =>
        database.ForUpdate<TSaga, Guid>(db, nameof(SagaInstance.CorrelationId), correlationId);

    async Task InTransaction(CancellationToken cancellationToken, Func<Task> work)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            await work().ConfigureAwait(false);
            return;
        }

        using (await database.WriteGate.EnterAsync(cancellationToken).ConfigureAwait(false))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await work().ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
