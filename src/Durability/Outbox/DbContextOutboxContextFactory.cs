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
    SagaInboxConsumers sagaConsumers,
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

            if (delivery.Value.KeepUntilConsumed)
                await OutboxMessages.ForgetKeptAsync(db, messageId, context.CancellationToken).ConfigureAwait(false);
            var claim = new InboxClaim(messageId, options.ConsumerId, clock.GetUtcNow().UtcDateTime);
            if (!await ConsumeAsync(context, options, next, claim, telemetry).ConfigureAwait(false))
            {
                // Another copy was consumed: whatever this one wrote before finding out is undone.
                await transaction.RollbackAsync(context.CancellationToken).ConfigureAwait(false);
                db.ChangeTracker.Clear();
                logger.LogInformation("Message {MessageId} was already consumed by {ConsumerType}; acknowledged without running it again", messageId, options.ConsumerType);
            }
            else
            {
                var sent = db.ChangeTracker.Entries<OutboxMessage>().Select(x => x.Entity).ToList();
                await transaction.CommitAsync(context.CancellationToken).ConfigureAwait(false);
                metrics.Committed(telemetry, timer.Elapsed);
                dispatcher.Committed(sent);
            }
        }

        if (context.ReceiveContext is { IsDelivered: false, IsFaulted: false })
            await context.NotifyConsumed(context, timer.Elapsed, options.ConsumerType).ConfigureAwait(false);
    }

    /// <summary>
    /// Claims the message, runs the consumer and saves what it did; false if another copy was
    /// consumed. A saga's claim rides with its row lock (PostgreSQL); any other consumer claims first.
    /// </summary>
    async Task<bool> ConsumeAsync<T>(ConsumeContext<T> context, OutboxConsumeOptions options, IPipe<OutboxConsumeContext<T>> next,
        InboxClaim claim, SagaConsumeTelemetry telemetry)
        where T : class
    {
        var durable = db as DurableDbContext;
        if (durable is not null && database.Provider == DatabaseProvider.Postgres && sagaConsumers.Contains(options.ConsumerId))
            durable.PendingInboxClaim = claim;
        else if (!await claim.RunAsync(db, context.CancellationToken).ConfigureAwait(false))
            return false;

        try
        {
            await next.Send(new DbContextOutboxConsumeContext<T>(context, claim.MessageId, options, provider, db, clock, delivery.Value.Lease, telemetry)).ConfigureAwait(false);
        }
        catch (Exception) when (claim.Claimed == false)
        {
            // The saga's load found the claim taken, and the state machine never ran.
            return false;
        }
        finally
        {
            if (durable is not null)
                durable.PendingInboxClaim = null;
        }

        // A message that reached no saga load claims before its transaction commits; if the claim
        // is taken, the rollback undoes what it wrote.
        if (claim.Claimed is null && !await claim.RunAsync(db, context.CancellationToken).ConfigureAwait(false))
            return false;

        await db.SaveChangesAsync(context.CancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The message is taken in this transaction, so the in-memory transport's copy is no longer the only one.</summary>

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
