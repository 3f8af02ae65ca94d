using Microsoft.EntityFrameworkCore;
using Sagas.Contracts;
using Sagas.Durability.Storage;

namespace Sagas.ActivityWorkers.Ledger;

/// <summary>Posts movements inside the consumer's transaction; the outbox commits them.</summary>
public sealed class LedgerBook(LedgerDbContext db, DurableDatabase database, TimeProvider clock)
{
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
        if (await db.LedgerEntries.AnyAsync(x => x.ReferenceId == referenceId, cancellationToken))
            return null;
        if (await db.LedgerRejections.Where(x => x.ReferenceId == referenceId).Select(x => x.Reason).FirstOrDefaultAsync(cancellationToken) is { } refused)
            return refused;

        if (account is null)
            return Refuse(referenceId, accountId, LedgerFailures.AccountNotFound);
        if (account.Balance + amount < 0)
            return Refuse(referenceId, accountId, LedgerFailures.InsufficientFunds);

        account.Balance += amount;
        account.Version++;
        db.LedgerEntries.Add(new LedgerEntry
        {
            ReferenceId = referenceId,
            AccountId = accountId,
            Amount = amount,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        return null;
    }

    string Refuse(string referenceId, string accountId, string reason)
    {
        db.LedgerRejections.Add(new LedgerRejection
        {
            ReferenceId = referenceId,
            AccountId = accountId,
            Reason = reason,
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        });
        return reason;
    }
}
