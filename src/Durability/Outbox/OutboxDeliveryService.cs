using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sagas.Durability.Storage;
using Sagas.Durability.Telemetry;

namespace Sagas.Durability.Outbox;

/// <summary>
/// Takes over outbox rows whose lease ran out: rows whose writer died before sending them, and rows
/// whose send failed and whose pause is over. A short transaction claims a batch (renewing its
/// lease, so no other process takes it meanwhile) and commits; <see cref="OutboxDispatcher"/> then
/// sends it outside any transaction. Rows sent at commit, the usual case, are never seen here.
/// </summary>
public sealed class OutboxDeliveryService<TDbContext>(
    IServiceScopeFactory scopes,
    OutboxDispatcher dispatcher,
    DurableDatabase database,
    TimeProvider clock,
    IOptions<OutboxDeliveryOptions> options,
    IHostApplicationLifetime lifetime,
    SagaMetrics metrics,
    ILogger<OutboxDeliveryService<TDbContext>> logger)
    : BackgroundService
    where TDbContext : DbContext
{
    readonly OutboxDeliveryOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        metrics.ObserveOutboxBacklog(CountBacklog);
        // Before anything of this run can be in the outbox: rows written from here on are not the last run's.
        var startedAt = clock.GetUtcNow().UtcDateTime;
        try
        {
            // Nothing goes out before the host has started: the bus, started by another hosted service,
            // has bound its receive endpoints by then. A message sent earlier could find no queue, and
            // the in-memory transport drops what no queue takes (a restart that came up quickly lost
            // the starts and answers its outbox re-sent).
            await StartedAsync(stoppingToken).ConfigureAwait(false);
            await RecoverAtStartAsync(startedAt, stoppingToken).ConfigureAwait(false);
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    while (await SweepAsync(stoppingToken).ConfigureAwait(false) >= _options.BatchSize)
                    {
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    logger.LogWarning(exception, "Outbox sweep failed; retrying");
                }

                await Task.Delay(_options.PollInterval, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    Task StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(stoppingToken);
    }

    /// <summary>
    /// SQLite has one process: whatever it left in the outbox, unsent or (in-memory transport)
    /// sent into queues that died with it, is delivered now rather than after its lease. Only the last
    /// run's rows: those this run wrote since it started (their lease taken after <paramref name="startedAt"/>)
    /// are on their way, and sending them again raced the first send to the same consumer.
    /// </summary>
    async Task RecoverAtStartAsync(DateTime startedAt, CancellationToken cancellationToken)
    {
        if (database.Provider != DatabaseProvider.Sqlite)
            return;

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        int left;
        using (await database.WriteGate.EnterAsync(cancellationToken).ConfigureAwait(false))
        {
            var thisRun = startedAt + _options.Lease;
            left = await db.Set<OutboxMessage>().Where(x => x.LockedUntil < thisRun).ExecuteUpdateAsync(x => x
                .SetProperty(m => m.DeliveredAt, (DateTime?)null)
                .SetProperty(m => m.LockedUntil, DateTime.MinValue), cancellationToken).ConfigureAwait(false);
        }

        if (left > 0)
            logger.LogInformation("{Count} message(s) of the last run were not consumed; delivering them again", left);
    }

    async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        var now = clock.GetUtcNow().UtcDateTime;
        List<OutboxMessage> claimed;
        using (await database.WriteGate.EnterAsync(cancellationToken).ConfigureAwait(false))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            claimed = await database.ClaimOutboxBatch(db, now, now + _options.Lease, _options.BatchSize).AsNoTracking()
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }

        if (claimed.Count > 0)
            logger.LogInformation("Delivering {Count} outbox message(s) whose lease ran out", claimed.Count);
        await dispatcher.DeliverAsync(claimed, cancellationToken).ConfigureAwait(false);
        return claimed.Count;
    }

    /// <summary>Read when metrics are collected, which is seldom (a scrape); a database that does not answer reports nothing.</summary>
    long? CountBacklog()
    {
        try
        {
            using var scope = scopes.CreateScope();
            return scope.ServiceProvider.GetRequiredService<TDbContext>().Set<OutboxMessage>().LongCount(x => x.DeliveredAt == null);
        }
        catch (Exception exception)
        {
            logger.LogDebug(exception, "Outbox backlog not measured");
            return null;
        }
    }
}
