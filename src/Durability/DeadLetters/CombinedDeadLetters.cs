namespace Sagas.Durability.DeadLetters;

/// <summary>
/// RabbitMQ's dead-letter queues and, beside them, the outbox rows the broker kept refusing (kept
/// in the <c>dead_letters</c> table, since they never reached a queue): one list, newest first.
/// </summary>
sealed class CombinedDeadLetters(IDeadLetters broker, StoredDeadLetters stored) : IDeadLetters
{
    public async Task<IReadOnlyList<DeadLetter>> ListAsync(DeadLetterQuery query, CancellationToken cancellationToken)
    {
        var fromBroker = await broker.ListAsync(query, cancellationToken).ConfigureAwait(false);
        var fromTable = await stored.ListAsync(query, cancellationToken).ConfigureAwait(false);
        return fromBroker.Concat(fromTable).OrderByDescending(x => x.FaultedAt).Take(query.Limit).ToList();
    }

    public async Task<DeadLetter?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        await stored.FindAsync(id, cancellationToken).ConfigureAwait(false) ?? await broker.FindAsync(id, cancellationToken).ConfigureAwait(false);

    public async Task<bool> RedriveAsync(Guid id, CancellationToken cancellationToken) =>
        await stored.RedriveAsync(id, cancellationToken).ConfigureAwait(false) || await broker.RedriveAsync(id, cancellationToken).ConfigureAwait(false);

    public async Task<DeadLetterRedrive> RedriveAsync(DeadLetterQuery query, bool dryRun, CancellationToken cancellationToken)
    {
        var fromTable = await stored.RedriveAsync(query, dryRun, cancellationToken).ConfigureAwait(false);
        if (fromTable.Matched >= query.Limit)
            return fromTable;

        var fromBroker = await broker.RedriveAsync(query with { Limit = query.Limit - fromTable.Matched }, dryRun, cancellationToken).ConfigureAwait(false);
        return new DeadLetterRedrive(fromTable.Matched + fromBroker.Matched, fromTable.Applied + fromBroker.Applied, dryRun);
    }
}
