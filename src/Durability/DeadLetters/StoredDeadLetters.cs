using MassTransit;
using MassTransit.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sagas.Durability.Outbox;
using Sagas.Durability.Storage;

namespace Sagas.Durability.DeadLetters;

/// <summary>
/// Dead letters kept in the <c>dead_letters</c> table: for the in-memory transport, whose error
/// queues die with the process and cannot be peeked, every receive endpoint's error and
/// dead-letter pipes write here (<see cref="DeadLetterPipes"/>); on any transport, outbox rows the
/// broker kept refusing end here. A redrive sends the stored body and headers back to the queue
/// the message failed on, or to the destination it never reached.
/// </summary>
public sealed class StoredDeadLetters(IServiceScopeFactory scopes, DurableDatabase database, IServiceProvider services) : IDeadLetters
{
    public async Task AddAsync(string queue, ReceiveContext context, IEnumerable<KeyValuePair<string, object?>> headers, CancellationToken cancellationToken)
    {
        var all = headers.ToList();
        var body = context.GetBody();
        var letter = DeadLetterReader.Read(queue, DeadLetterHeaders.AsText(all), body, context.GetMessageId());
        var row = new StoredDeadLetter
        {
            MessageId = letter.Id,
            Queue = queue,
            CorrelationId = letter.CorrelationId,
            MessageType = letter.MessageType,
            DeadLetteredAt = DateTime.UtcNow,
            ContentType = context.ContentType?.ToString(),
            Headers = DeadLetterHeaders.ToJson(all),
            Body = body,
        };

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DurabilityDbContext>();
        db.Add(row);
        using (await database.WriteGate.EnterAsync(cancellationToken).ConfigureAwait(false))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            // Kept now, so the outbox's copy (kept for the in-memory transport) must not come back after a restart.
            await db.Set<OutboxMessage>().Where(x => x.MessageId == letter.Id).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task<IReadOnlyList<DeadLetter>> ListAsync(DeadLetterQuery query, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var rows = Rows(scope, query);
        // Types match by full or short name, which SQL cannot index; without a type the limit applies in SQL.
        if (query.MessageType is null)
            rows = rows.Take(query.Limit);
        var letters = new List<DeadLetter>();
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            var letter = Read(row);
            if (query.Matches(letter))
                letters.Add(letter);
            if (letters.Count == query.Limit)
                break;
        }

        return letters;
    }

    public async Task<DeadLetter?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var row = await Newest(scope, id, cancellationToken).ConfigureAwait(false);
        return row is null ? null : Read(row);
    }

    public async Task<bool> RedriveAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var row = await Newest(scope, id, cancellationToken).ConfigureAwait(false);
        if (row is null)
            return false;

        await RedriveAsync(scope, row, cancellationToken).ConfigureAwait(false);
        return true;
    }

    public async Task<DeadLetterRedrive> RedriveAsync(DeadLetterQuery query, bool dryRun, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var matches = new List<StoredDeadLetter>();
        foreach (var row in await Rows(scope, query).ToListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (query.Matches(Read(row)))
                matches.Add(row);
            if (matches.Count == query.Limit)
                break;
        }

        if (dryRun)
            return new DeadLetterRedrive(matches.Count, 0, true);

        foreach (var row in matches)
            await RedriveAsync(scope, row, cancellationToken).ConfigureAwait(false);
        return new DeadLetterRedrive(matches.Count, matches.Count, false);
    }

    async Task RedriveAsync(AsyncServiceScope scope, StoredDeadLetter row, CancellationToken cancellationToken)
    {
        var headers = DeadLetterHeaders.FromJson(row.Headers);
        var address = headers.TryGetValue(MessageHeaders.FaultInputAddress, out var input) && input is string { Length: > 0 } faulted
            ? new Uri(faulted)
            : new Uri("queue:" + (DeadLetterReader.SourceQueue(row.Queue) ?? row.Queue));
        var contentType = new System.Net.Mime.ContentType(row.ContentType ?? "application/vnd.masstransit+json");

        var endpoint = await services.GetRequiredService<IBus>().GetSendEndpoint(address).ConfigureAwait(false);
        await endpoint.Send(new RedrivenMessage(), Pipe.Execute<SendContext<RedrivenMessage>>(send =>
        {
            send.MessageId = row.MessageId;
            foreach (var (key, value) in headers)
            {
                if (!DeadLetterHeaders.AddedByDeadLettering(key) && value is not null)
                    send.Headers.Set(key, value);
            }

            send.Serializer = new CopyBodySerializer(contentType, new BytesMessageBody(row.Body));
        }), cancellationToken).ConfigureAwait(false);

        // Sent first, removed second: a crash in between leaves a copy here, which the receiver's inbox makes harmless.
        var db = scope.ServiceProvider.GetRequiredService<DurabilityDbContext>();
        using (await database.WriteGate.EnterAsync(cancellationToken).ConfigureAwait(false))
        {
            await db.Set<StoredDeadLetter>().Where(x => x.SequenceNumber == row.SequenceNumber)
                .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    static IQueryable<StoredDeadLetter> Rows(AsyncServiceScope scope, DeadLetterQuery query)
    {
        var rows = scope.ServiceProvider.GetRequiredService<DurabilityDbContext>().Set<StoredDeadLetter>().AsNoTracking();
        if (query.Queue is { } queue)
            rows = rows.Where(x => x.Queue == queue);
        if (query.SagaId is { } sagaId)
            rows = rows.Where(x => x.CorrelationId == sagaId);
        return rows.OrderByDescending(x => x.SequenceNumber);
    }

    static Task<StoredDeadLetter?> Newest(AsyncServiceScope scope, Guid id, CancellationToken cancellationToken) =>
        scope.ServiceProvider.GetRequiredService<DurabilityDbContext>().Set<StoredDeadLetter>().AsNoTracking()
            .Where(x => x.MessageId == id).OrderByDescending(x => x.SequenceNumber).FirstOrDefaultAsync(cancellationToken);

    static DeadLetter Read(StoredDeadLetter row) =>
        DeadLetterReader.Read(row.Queue, DeadLetterHeaders.AsText(DeadLetterHeaders.FromJson(row.Headers)), row.Body, row.MessageId);

    /// <summary>Stands in for the stored message's type: the copied body and its headers say what it is.</summary>
    sealed record RedrivenMessage;
}
