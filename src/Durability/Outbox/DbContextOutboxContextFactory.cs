using System.Diagnostics;
using System.Security.Cryptography;
using MassTransit;
using MassTransit.Middleware;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Sagas.Durability.Storage;
using Sagas.Durability.Telemetry;

namespace Sagas.Durability.Outbox;

/// <summary>
/// Inbox and outbox in one short transaction per message: claim the message in the inbox, run
/// the consumer (and the saga repository, which joins this transaction), store what it sent,
/// commit. A message already in the inbox is acknowledged without running anything.
/// </summary>
public sealed class DbContextOutboxContextFactory<TDbContext>(
    TDbContext db,
    IServiceProvider provider,
    DurableDatabase database,
    OutboxDispatcher dispatcher,
    TimeProvider clock,
    SagaMetrics metrics,
    IOptions<OutboxDeliveryOptions> delivery,
    ILogger<DbContextOutboxContextFactory<TDbContext>> logger)
    : IOutboxContextFactory<TDbContext>
    where TDbContext : DbContext
{
    public async Task Send<T>(ConsumeContext<T> context, OutboxConsumeOptions options, IPipe<OutboxConsumeContext<T>> next)
        where T : class
    {
        var messageId = context.GetOriginalMessageId() ?? IdFromBody(context);
        var timer = Stopwatch.StartNew();
        // One per attempt: what a rolled-back attempt did to sagas is never reported.
        var telemetry = new SagaConsumeTelemetry { SagaId = SagaTracing.SagaIdOf(context) };

        using (await database.WriteGate.EnterAsync(context.CancellationToken).ConfigureAwait(false))
        {
            // A retry runs in the same scope; what the failed attempt tracked must not be saved now.
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(context.CancellationToken).ConfigureAwait(false);
            // The whole message is one unit; per-SaveChanges savepoints would only add round trips.
            db.Database.AutoSavepointsEnabled = false;

            var consumed = !await ClaimAsync(messageId, options.ConsumerId, context.CancellationToken).ConfigureAwait(false);
            if (delivery.Value.KeepUntilConsumed)
                await ForgetKeptAsync(messageId, context.CancellationToken).ConfigureAwait(false);
            if (!consumed)
            {
                await next.Send(new DbContextOutboxConsumeContext<T>(context, options, provider, db, clock, delivery.Value.Lease, telemetry)).ConfigureAwait(false);

                await db.SaveChangesAsync(context.CancellationToken).ConfigureAwait(false);
            }

            var sent = db.ChangeTracker.Entries<OutboxMessage>().Select(x => x.Entity).ToList();
            await transaction.CommitAsync(context.CancellationToken).ConfigureAwait(false);
            metrics.Committed(telemetry, timer.Elapsed);
            dispatcher.Committed(sent);

            if (consumed)
                logger.LogInformation("Message {MessageId} was already consumed by {ConsumerType}; acknowledged without running it again", messageId, options.ConsumerType);
        }

        if (context.ReceiveContext is { IsDelivered: false, IsFaulted: false })
            await context.NotifyConsumed(context, timer.Elapsed, options.ConsumerType).ConfigureAwait(false);
    }

    /// <summary>
    /// Claims the message for this consumer with one insert before anything runs. A concurrent copy
    /// of the message waits on the first one's uncommitted row and finds it taken once that
    /// commits (or claims it, if that rolled back), so two copies never both run the consumer.
    /// </summary>
    async Task<bool> ClaimAsync(Guid messageId, Guid consumerId, CancellationToken cancellationToken)
    {
        var inserted = await db.Database.ExecuteSqlAsync(
            $"INSERT INTO inbox_messages (message_id, consumer_id, consumed_at) VALUES ({messageId}, {consumerId}, {clock.GetUtcNow().UtcDateTime}) ON CONFLICT DO NOTHING",
            cancellationToken).ConfigureAwait(false);
        return inserted == 1;
    }

    /// <summary>The message is taken in this transaction, so the in-memory transport's copy is no longer the only one.</summary>
    async Task ForgetKeptAsync(Guid messageId, CancellationToken cancellationToken) =>
        await db.Set<OutboxMessage>().Where(x => x.MessageId == messageId)
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);

    public void Probe(ProbeContext context) => context.CreateFilterScope("durableOutbox");

    /// <summary>
    /// Plain JSON from other platforms may come without a message id; the same body then counts
    /// as the same message, which is what a redelivery is.
    /// </summary>
    static Guid IdFromBody(ConsumeContext context)
    {
        var hash = SHA256.HashData(context.ReceiveContext.Body.GetBytes());
        return new Guid(hash.AsSpan(0, 16));
    }
}
