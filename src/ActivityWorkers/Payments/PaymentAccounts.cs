using Microsoft.EntityFrameworkCore;
using Sagas.ActivityWorkers.Ledger;
using Sagas.Durability.Storage;

namespace Sagas.ActivityWorkers.Payments;

/// <summary>
/// Locks both accounts of a payment in ordinal order before any money moves. A charge takes from
/// the customer first and a refund from the merchant first; locked in posting order, the two
/// would deadlock on PostgreSQL.
/// </summary>
public sealed class PaymentAccounts(LedgerDbContext db, DurableDatabase database)
{
    public async Task LockAsync(string customerId, string merchantAccount, CancellationToken cancellationToken)
    {
        foreach (var id in new[] { customerId, merchantAccount }.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var account = await database.ForUpdate<Account, string>(db, nameof(Account.Id), id).AsTracking().SingleOrDefaultAsync(cancellationToken);
            if (account is null && id == merchantAccount)
            {
                // Saved now, inside the message's transaction, so the ledger's locking read finds it.
                // Two first charges racing here: one insert fails and its message is retried.
                db.Accounts.Add(new Account { Id = merchantAccount });
                await db.SaveChangesAsync(cancellationToken);
            }
        }
    }
}
