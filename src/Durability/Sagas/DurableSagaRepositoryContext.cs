using MassTransit;
using MassTransit.Context;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;
using Sagas.Durability.Outbox;
using Sagas.Durability.Storage;

namespace Sagas.Durability.Sagas;

/// <summary>
/// Loads, inserts and saves one saga inside the consume transaction, and appends the transitions
/// the state machine made to <c>saga_history</c> in the same SaveChanges.
/// </summary>
sealed class DurableSagaRepositoryContext<TSaga, TMessage>(
    DbContext db,
    ConsumeContext<TMessage> consumeContext,
    Func<Guid, IQueryable<TSaga>> loadForUpdate,
    TimeProvider clock)
    : ConsumeContextScope<TMessage>(consumeContext), SagaRepositoryContext<TSaga, TMessage>
    where TSaga : SagaInstance
    where TMessage : class
{
    readonly ConsumeContext<TMessage> _consumeContext = consumeContext;

    public Task<SagaConsumeContext<TSaga, TMessage>> Add(TSaga instance) =>
        Task.FromResult(CreateSagaConsumeContext(_consumeContext, instance));

    public async Task<SagaConsumeContext<TSaga, TMessage>> Insert(TSaga instance)
    {
        Stamp(instance, isNew: true);
        var entry = db.Add(instance);
        var transaction = db.Database.CurrentTransaction;
        // A duplicate key aborts a PostgreSQL transaction; rolling back to the savepoint keeps
        // it usable, and the caller loads the existing row instead.
        if (transaction is not null)
            await transaction.CreateSavepointAsync(nameof(Insert), CancellationToken).ConfigureAwait(false);
        try
        {
            await db.SaveChangesAsync(CancellationToken).ConfigureAwait(false);
            return CreateSagaConsumeContext(_consumeContext, instance);
        }
        catch (DbUpdateException)
        {
            entry.State = EntityState.Detached;
            if (transaction is not null)
                await transaction.RollbackToSavepointAsync(nameof(Insert), CancellationToken).ConfigureAwait(false);
            return null!;
        }
    }

    public async Task<SagaConsumeContext<TSaga, TMessage>> Load(Guid correlationId)
    {
        var instance = await loadForUpdate(correlationId).TagWith(InboxClaimInterceptor.Tag).AsTracking()
            .SingleOrDefaultAsync(CancellationToken).ConfigureAwait(false);
        if (db is DurableDbContext { PendingInboxClaim.Claimed: false })
            throw new MessageAlreadyConsumedException();
        return instance is null ? null! : CreateSagaConsumeContext(_consumeContext, instance);
    }

    public async Task Save(SagaConsumeContext<TSaga> context)
    {
        Stamp(context.Saga, isNew: true);
        db.Add(context.Saga);
        AppendHistory(context, db);
        await db.SaveChangesAsync(CancellationToken).ConfigureAwait(false);
    }

    public async Task Update(SagaConsumeContext<TSaga> context)
    {
        Stamp(context.Saga, isNew: false);
        AppendHistory(context, db);
        await db.SaveChangesAsync(CancellationToken).ConfigureAwait(false);
    }

    public async Task Delete(SagaConsumeContext<TSaga> context)
    {
        AppendHistory(context, db);
        db.Remove(context.Saga);
        await db.SaveChangesAsync(CancellationToken).ConfigureAwait(false);
    }

    public Task Discard(SagaConsumeContext<TSaga> context) => Task.CompletedTask;

    public Task Undo(SagaConsumeContext<TSaga> context)
    {
        var entry = db.ChangeTracker.Entries<TSaga>().FirstOrDefault(x => x.Entity.CorrelationId == context.Saga.CorrelationId);
        if (entry is not null)
            entry.State = EntityState.Unchanged;
        return Task.CompletedTask;
    }

    public Task<SagaConsumeContext<TSaga, T>> CreateSagaConsumeContext<T>(ConsumeContext<T> consumeContext, TSaga instance, SagaConsumeContextMode mode)
        where T : class =>
        Task.FromResult(CreateSagaConsumeContext(consumeContext, instance));

    static SagaConsumeContext<TSaga, T> CreateSagaConsumeContext<T>(ConsumeContext<T> consumeContext, TSaga instance)
        where T : class
    {
        var sagaContext = new DefaultSagaConsumeContext<TSaga, T>(consumeContext, instance);
        sagaContext.GetOrAddPayload(() => new SagaTransitionLog());
        return sagaContext;
    }

    void Stamp(TSaga saga, bool isNew)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (isNew)
            saga.CreatedAt = now;
        else
            saga.Version++;
        saga.UpdatedAt = now;
    }

    /// <summary>History rows are numbered from the saga's own count, written by the same UPDATE as the transition.</summary>
    static void AppendHistory(SagaConsumeContext<TSaga> context, DbContext db)
    {
        if (!context.TryGetPayload(out SagaTransitionLog? log) || log.Pending.Count == 0)
            return;

        foreach (var entry in log.Pending)
        {
            entry.SequenceNumber = ++context.Saga.HistoryCount;
            db.Add(entry);
        }

        log.Clear();
    }
}
