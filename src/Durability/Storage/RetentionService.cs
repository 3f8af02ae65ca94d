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

            foreach (var type in db.Model.GetEntityTypes().Select(t => t.ClrType).Where(t => t.IsSubclassOf(typeof(SagaInstance))))
                await ((Task)DeleteFinishedMethod.MakeGenericMethod(type).Invoke(null, [db, now - keep, cancellationToken])!).ConfigureAwait(false);
        }
    }

    static async Task DeleteFinishedAsync<TSaga>(DbContext db, DateTime cutoff, CancellationToken cancellationToken)
        where TSaga : SagaInstance
    {
        var finished = db.Set<TSaga>().Where(x => x.CompletedAt < cutoff).Select(x => x.CorrelationId);
        await db.Set<SagaHistoryEntry>().Where(x => finished.Contains(x.CorrelationId)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.Set<TSaga>().Where(x => x.CompletedAt < cutoff).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }
}
