using Microsoft.EntityFrameworkCore;
using Sagas.Contracts;
using Sagas.Durability.Storage;

namespace Sagas.ActivityWorkers.Ledger;

/// <summary>Posts movements inside the consumer's transaction; the outbox commits them.</summary>
public sealed class LedgerBook(LedgerDbContext db, DurableDatabase database, TimeProvider clock)
{
    readonly HashSet<string> _movedNow = new(StringComparer.Ordinal);

    /// <summary>True when this book's own post moved the money of <paramref name="referenceId"/>, not an earlier one.</summary>
    public bool MovedNow(string referenceId) => _movedNow.Contains(referenceId);

    /// <summary>
    /// Moves <paramref name="amount"/> (negative to take money out) once per reference.
    /// Returns the business failure, or null when the money has moved, now or before. The first
    /// answer for a reference is final: a refusal is remembered like a movement.
    /// </summary>
    public async Task<string?> PostAsync(string referenceId, string accountId, decimal amount, CancellationToken cancellationToken)
    {
        // Lock first: two sends of one step then see each other's answer, never both act.
        var account = await database.ForUpdate<Account, string>(db, nameof(Account.Id), accountId)
            .AsTracking().SingleOrDefaultAsync(cancellationToken);
        if (account is null || account.Balance + amount < 0)
            return await RefuseAsync(referenceId, accountId, account is null ? LedgerFailures.AccountNotFound : LedgerFailures.InsufficientFunds, cancellationToken);

        // The usual case costs this one statement: it claims the reference, unless it was posted or refused before.
        var now = clock.GetUtcNow().UtcDateTime;
        var posted = await db.Database.ExecuteSqlAsync($"""
            INSERT INTO ledger_entries (reference_id, account_id, amount, created_at)
            SELECT {referenceId}, {accountId}, {amount}, {now}
            WHERE NOT EXISTS (SELECT 1 FROM ledger_rejections WHERE reference_id = {referenceId})
            ON CONFLICT (reference_id) DO NOTHING
            """, cancellationToken);
        if (posted == 0)
            return await EarlierRefusalAsync(referenceId, cancellationToken);

        account.Balance += amount;
        account.Version++;
        _movedNow.Add(referenceId);
        return null;
    }

    /// <summary>The first answer for a reference stands: money it moved before is not refused now.</summary>
    async Task<string?> RefuseAsync(string referenceId, string accountId, string reason, CancellationToken cancellationToken)
    {
        if (await db.LedgerEntries.AnyAsync(x => x.ReferenceId == referenceId, cancellationToken))
            return null;
        if (await EarlierRefusalAsync(referenceId, cancellationToken) is { } refused)
            return refused;

        db.LedgerRejections.Add(new LedgerRejection
        {
            ReferenceId = referenceId,
            AccountId = accountId,
            Reason = reason,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        return reason;
    }

    Task<string?> EarlierRefusalAsync(string referenceId, CancellationToken cancellationToken) =>
        db.LedgerRejections.Where(x => x.ReferenceId == referenceId).Select(x => x.Reason).FirstOrDefaultAsync(cancellationToken);
}
