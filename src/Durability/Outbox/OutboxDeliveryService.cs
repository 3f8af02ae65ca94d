using MassTransit;
using MassTransit.Middleware;
using MassTransit.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sagas.Durability.Storage;
using Sagas.Durability.Telemetry;

namespace Sagas.Durability.Outbox;

/// <summary>
/// Delivers committed outbox rows to the broker and deletes them. A crash between send and
/// delete sends a message twice; the receiver's inbox makes that harmless. On the in-memory
/// transport a delivered row is only marked, and its consumer deletes it.
/// </summary>
public sealed class OutboxDeliveryService<TDbContext>(
    IServiceScopeFactory scopes,
    IBus bus,
    DurableDatabase database,
    OutboxNotifier notifier,
    TimeProvider clock,
    IOptions<OutboxDeliveryOptions> options,
    SagaMetrics metrics,
    ILogger<OutboxDeliveryService<TDbContext>> logger)
    : BackgroundService
    where TDbContext : DbContext
{
    readonly OutboxDeliveryOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        metrics.ObserveOutboxBacklog(CountBacklog);
        if (_options.KeepUntilConsumed)
            await RedeliverKeptAsync(stoppingToken).ConfigureAwait(false);
        var sweepers = database.Provider == DatabaseProvider.Postgres ? Math.Max(1, _options.Sweepers) : 1;
        await Task.WhenAll(Enumerable.Range(0, sweepers).Select(_ => Task.Run(() => SweepAsync(stoppingToken), stoppingToken))).ConfigureAwait(false);
    }

    /// <summary>What the last process had in its in-memory queues died with it: those rows are delivered again.</summary>
    async Task RedeliverKeptAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();
        int kept;
        using (await database.WriteGate.EnterAsync(cancellationToken).ConfigureAwait(false))
        {
            kept = await db.Set<OutboxMessage>().Where(x => x.DeliveredAt != null)
                .ExecuteUpdateAsync(x => x.SetProperty(m => m.DeliveredAt, (DateTime?)null), cancellationToken).ConfigureAwait(false);
        }

        if (kept > 0)
            logger.LogInformation("{Count} message(s) delivered before the last stop were not consumed; delivering them again", kept);
    }

    async Task SweepAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var delivered = await DeliverBatchAsync(stoppingToken).ConfigureAwait(false);
                if (delivered >= _options.BatchSize)
                {
                    notifier.Notify();
                    continue;
                }

                await notifier.WaitAsync(_options.PollInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Outbox delivery failed; retrying");
                await Task.Delay(_options.PollInterval, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    async Task<int> DeliverBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TDbContext>();

        // On PostgreSQL the batch stays locked until its rows are deleted, so no other sweeper sends them.
        await using var transaction = database.Provider == DatabaseProvider.Postgres
            ? await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false)
            : null;

        var batch = await database.NextOutboxBatch(db, _options.BatchSize).AsNoTracking()
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        if (batch.Count == 0)
            return 0;

        var sent = await Task.WhenAll(batch.Select(row => SendAsync(row, cancellationToken))).ConfigureAwait(false);
        var done = sent.Where(x => x.HasValue).Select(x => x!.Value).ToList();

        using (await database.WriteGate.EnterAsync(cancellationToken).ConfigureAwait(false))
        {
            var delivered = db.Set<OutboxMessage>().Where(x => done.Contains(x.SequenceNumber));
            if (_options.KeepUntilConsumed)
            {
                var now = clock.GetUtcNow().UtcDateTime;
                await delivered.ExecuteUpdateAsync(x => x.SetProperty(m => m.DeliveredAt, now), cancellationToken).ConfigureAwait(false);
            }
            else
                await delivered.ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        }

        if (transaction is not null)
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);

        return done.Count;
    }

    async Task<long?> SendAsync(OutboxMessage row, CancellationToken cancellationToken)
    {
        if (row.ExpirationTime < clock.GetUtcNow().UtcDateTime)
            return row.SequenceNumber;

        try
        {
            var message = new StoredMessageContext(row);
            var endpoint = await bus.GetSendEndpoint(message.DestinationAddress!).ConfigureAwait(false);
            await endpoint.Send(new SerializedMessageBody(), new OutboxMessageSendPipe(message, message.DestinationAddress), cancellationToken)
                .ConfigureAwait(false);
            metrics.OutboxDelivered(clock.GetUtcNow().UtcDateTime - row.SentTime);
            return row.SequenceNumber;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            logger.LogWarning(exception, "Outbox message {MessageId} to {Destination} not delivered yet", row.MessageId, row.DestinationAddress);
            return null;
        }
    }

    /// <summary>Read when metrics are collected, which is seldom (a scrape); a database that does not answer reports nothing.</summary>
    long? CountBacklog()
    {
        try
        {
            using var scope = scopes.CreateScope();
            return scope.ServiceProvider.GetRequiredService<TDbContext>().Set<OutboxMessage>().LongCount();
        }
        catch (Exception exception)
        {
            logger.LogDebug(exception, "Outbox backlog not measured");
            return null;
        }
    }
}
