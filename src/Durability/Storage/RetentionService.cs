using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sagas.Durability.Outbox;
using Sagas.Durability.Sagas;

namespace Sagas.Durability.Storage;

/// <summary>Forgets old inbox entries and start requests and, if configured, finished sagas of every type the context maps.</summary>
public sealed class RetentionService<TContext>(
    IServiceScopeFactory scopes,
    DurableDatabase database,
    TimeProvider clock,
    IOptions<RetentionOptions> options,
    IOptions<OutboxDeliveryOptions> delivery,
    ILogger<RetentionService<TContext>> logger)
    : BackgroundService
    where TContext : DbContext
{
    static readonly MethodInfo DeleteFinishedMethod =
        typeof(RetentionService<TContext>).GetMethod(nameof(DeleteFinishedAsync), BindingFlags.NonPublic | BindingFlags.Static)!;

    static readonly MethodInfo WithoutParentMethod =
        typeof(RetentionService<TContext>).GetMethod(nameof(WithoutParent), BindingFlags.NonPublic | BindingFlags.Static)!;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        do
        {
            try
            {
                await CleanAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Retention cleanup failed; trying again next interval");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    async Task CleanAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var now = clock.GetUtcNow().UtcDateTime;

        using (await database.WriteGate.EnterAsync(cancellationToken).ConfigureAwait(false))
        {
            var inboxCutoff = now - options.Value.Inbox;
            await db.Set<InboxMessage>().Where(x => x.ConsumedAt < inboxCutoff).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            var startCutoff = now - options.Value.StartRequests;
            await db.Set<StartRequest>().Where(x => x.CreatedAt < startCutoff).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            var unconsumedCutoff = now - delivery.Value.KeepUnconsumedFor;
            await db.Set<OutboxMessage>().Where(x => x.DeliveredAt < unconsumedCutoff).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);

            if (options.Value.FinishedSagas is not { } keep)
                return;

            var sagaTypes = db.Model.GetEntityTypes().Select(t => t.ClrType).Where(t => t.IsSubclassOf(typeof(SagaInstance))).ToArray();
            foreach (var type in sagaTypes)
                await ((Task)DeleteFinishedMethod.MakeGenericMethod(type).Invoke(null, [db, now - keep, sagaTypes, cancellationToken])!).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Deletes the sagas finished before <paramref name="cutoff"/>, except children whose parent is
    /// still there: a parent may yet ask a finished child to undo itself, so a child outlives it.
    /// </summary>
    static async Task DeleteFinishedAsync<TSaga>(DbContext db, DateTime cutoff, Type[] sagaTypes, CancellationToken cancellationToken)
        where TSaga : SagaInstance
    {
        var finished = db.Set<TSaga>().Where(x => x.CompletedAt < cutoff);
        foreach (var parentType in sagaTypes)
            finished = (IQueryable<TSaga>)WithoutParentMethod.MakeGenericMethod(typeof(TSaga), parentType).Invoke(null, [db, finished])!;

        var ids = finished.Select(x => x.CorrelationId);
        await db.Set<SagaHistoryEntry>().Where(x => ids.Contains(x.CorrelationId)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await finished.ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }

    static IQueryable<TSaga> WithoutParent<TSaga, TParent>(DbContext db, IQueryable<TSaga> sagas)
        where TSaga : SagaInstance
        where TParent : SagaInstance =>
        sagas.Where(x => x.ParentId == null || !db.Set<TParent>().Any(p => p.CorrelationId == x.ParentId));
}
