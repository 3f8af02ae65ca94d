using System.Threading.Channels;
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
/// Sends outbox rows from memory as soon as the transaction that wrote them has committed; the
/// sent ones are deleted together, one statement for all those sent in the last few milliseconds. No database transaction is open while the
/// broker is asked, and every send has a timeout. A row that fails keeps its error and waits
/// (doubling pauses) for <see cref="OutboxDeliveryService{TDbContext}"/> to take it again; after
/// too many failures it becomes a dead letter. Other rows never wait behind it.
/// </summary>
public sealed class OutboxDispatcher(
    IServiceScopeFactory scopes,
    IBus bus,
    DurableDatabase database,
    TimeProvider clock,
    IOptions<OutboxDeliveryOptions> options,
    SagaMetrics metrics,
    ILogger<OutboxDispatcher> logger)
    : BackgroundService
{
    readonly OutboxDeliveryOptions _options = options.Value;
    readonly Channel<OutboxMessage> _committed = Channel.CreateUnbounded<OutboxMessage>();
    readonly Channel<long> _sent = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Rows of a transaction that has just committed; they are sent now, in the background.</summary>
    public void Committed(IEnumerable<OutboxMessage> rows)
    {
        foreach (var row in rows)
            _committed.Writer.TryWrite(row);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var senders = database.Provider == DatabaseProvider.Postgres ? Math.Max(1, _options.Senders) : 1;
        return Task.WhenAll(Enumerable.Range(0, senders).Select(_ => Task.Run(() => SendCommittedAsync(stoppingToken), stoppingToken))
            .Append(Task.Run(() => RecordSentAsync(stoppingToken), stoppingToken)));
    }

    async Task SendCommittedAsync(CancellationToken stoppingToken)
    {
        var batch = new List<OutboxMessage>(_options.BatchSize);
        try
        {
            while (await _committed.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
            {
                batch.Clear();
                while (batch.Count < _options.BatchSize && _committed.Reader.TryRead(out var row))
                    batch.Add(row);
                await DeliverAsync(batch, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Rows not sent yet stay in the table; their lease runs out and a sweep sends them.
        }
    }

    /// <summary>Sends the rows, then records what happened to them; failures here only leave rows for a later sweep.</summary>
    public async Task DeliverAsync(IReadOnlyList<OutboxMessage> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
            return;

        var errors = await Task.WhenAll(rows.Select(row => SendAsync(row, cancellationToken))).ConfigureAwait(false);
        for (var i = 0; i < rows.Count; i++)
        {
            if (errors[i] is null)
                _sent.Writer.TryWrite(rows[i].SequenceNumber);
        }

        if (errors.All(x => x is null))
            return;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DurabilityDbContext>();
            var now = clock.GetUtcNow().UtcDateTime;
            using (await database.WriteGate.EnterAsync(cancellationToken).ConfigureAwait(false))
            {
                for (var i = 0; i < rows.Count; i++)
                {
                    if (errors[i] is { } error)
                        await RecordFailureAsync(db, rows[i], error, now, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The rows keep their old lease and are taken again once it runs out.
            logger.LogWarning(exception, "Could not record the failed delivery of outbox message(s)");
        }
    }

    /// <summary>
    /// Deletes (or, kept until consumed, marks) the sent rows gathered over a few milliseconds with
    /// one statement, which costs far less than one per transaction. A crash before it only means
    /// those rows are sent again after their lease, and the receivers' inboxes drop the copies.
    /// </summary>
    async Task RecordSentAsync(CancellationToken stoppingToken)
    {
        var sent = new List<long>(1000);
        while (await _sent.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), stoppingToken).ConfigureAwait(false);
            sent.Clear();
            while (sent.Count < 1000 && _sent.Reader.TryRead(out var sequenceNumber))
                sent.Add(sequenceNumber);
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var rows = scope.ServiceProvider.GetRequiredService<DurabilityDbContext>().Set<OutboxMessage>().Where(x => sent.Contains(x.SequenceNumber));
                var now = clock.GetUtcNow().UtcDateTime;
                using (await database.WriteGate.EnterAsync(stoppingToken).ConfigureAwait(false))
                {
                    if (_options.KeepUntilConsumed)
                        await rows.ExecuteUpdateAsync(x => x.SetProperty(m => m.DeliveredAt, now), stoppingToken).ConfigureAwait(false);
                    else
                        await rows.ExecuteDeleteAsync(stoppingToken).ConfigureAwait(false);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Could not record the delivery of {Count} outbox message(s); they will be sent again", sent.Count);
            }
        }
    }

    async Task RecordFailureAsync(DurabilityDbContext db, OutboxMessage row, string error, DateTime now, CancellationToken cancellationToken)
    {
        var attempts = row.Attempts + 1;
        if (attempts >= _options.MaxAttempts)
        {
            logger.LogError("Outbox message {MessageId} to {Destination} failed {Attempts} times and is now a dead letter: {Error}",
                row.MessageId, row.DestinationAddress, attempts, error);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            db.Add(UndeliveredMessages.DeadLetter(row, error, now));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await db.Set<OutboxMessage>().Where(x => x.SequenceNumber == row.SequenceNumber).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        var pause = TimeSpan.FromSeconds(Math.Min(Math.Pow(2, attempts - 1), _options.MaxRetryInterval.TotalSeconds));
        await db.Set<OutboxMessage>().Where(x => x.SequenceNumber == row.SequenceNumber).ExecuteUpdateAsync(x => x
            .SetProperty(m => m.Attempts, attempts)
            .SetProperty(m => m.LastError, error)
            .SetProperty(m => m.LockedUntil, now + pause), cancellationToken).ConfigureAwait(false);
    }

    /// <returns>Null when the broker took the message, else why not.</returns>
    async Task<string?> SendAsync(OutboxMessage row, CancellationToken cancellationToken)
    {
        // Expired: nobody may receive it any more, so it counts as done.
        if (row.ExpirationTime < clock.GetUtcNow().UtcDateTime)
            return null;

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.SendTimeout);
        try
        {
            var message = new StoredMessageContext(row);
            var endpoint = await bus.GetSendEndpoint(message.DestinationAddress!).ConfigureAwait(false);
            await endpoint.Send(new SerializedMessageBody(), MustRoute.Apply(new OutboxMessageSendPipe(message, message.DestinationAddress), message), timeout.Token)
                .ConfigureAwait(false);
            metrics.OutboxDelivered(clock.GetUtcNow().UtcDateTime - row.SentTime);
            return null;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            var error = exception is OperationCanceledException ? $"not confirmed within {_options.SendTimeout}" : exception.Message;
            logger.LogWarning(exception, "Outbox message {MessageId} to {Destination} not delivered yet: {Error}", row.MessageId, row.DestinationAddress, error);
            return error;
        }
    }
}
