using Microsoft.EntityFrameworkCore;
using Sagas.Contracts;
using Sagas.Durability.Storage;

namespace Sagas.ActivityWorkers.Ledger;

/// <summary>Posts movements inside the consumer's transaction; the outbox commits them.</summary>
public sealed class LedgerBook(LedgerDbContext db, DurableDatabase database, TimeProvider clock)
{
    /// <summary>
    /// Moves <paramref name="amount"/> (negative to take money out) once per reference.
    /// Returns the business failure, or null when the money has moved, now or before.
    /// </summary>
    public async Task<string?> PostAsync(string referenceId, string accountId, decimal amount, CancellationToken cancellationToken)
    {
        if (await db.LedgerEntries.AnyAsync(x => x.ReferenceId == referenceId, cancellationToken))
            return null;

        var account = await database.ForUpdate<Account, string>(db, nameof(Account.Id), accountId)
            .AsTracking().SingleOrDefaultAsync(cancellationToken);
        if (account is null)
            return LedgerFailures.AccountNotFound;
        if (account.Balance + amount < 0)
            return LedgerFailures.InsufficientFunds;

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
}
