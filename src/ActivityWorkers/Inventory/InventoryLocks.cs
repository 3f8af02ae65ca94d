using Microsoft.EntityFrameworkCore;
using Sagas.ActivityWorkers.Ledger;
using Sagas.Durability.Storage;

namespace Sagas.ActivityWorkers.Inventory;

/// <summary>
/// How the stock activities lock: the sku rows first, in ordinal order, then the order's hold.
/// Two orders sharing skus then wait for each other on PostgreSQL and never deadlock; on SQLite
/// the outbox's write gate already runs one message at a time.
/// </summary>
public sealed class InventoryLocks(LedgerDbContext db, DurableDatabase database)
{
    /// <summary>Locks and returns the rows of those skus that exist.</summary>
    public async Task<Dictionary<string, InventoryItem>> LockItemsAsync(IEnumerable<string> skus, CancellationToken cancellationToken)
    {
        var items = new Dictionary<string, InventoryItem>(StringComparer.Ordinal);
        foreach (var sku in skus.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var item = await database.ForUpdate<InventoryItem, string>(db, nameof(InventoryItem.Sku), sku)
                .AsTracking().SingleOrDefaultAsync(cancellationToken);
            if (item is not null)
                items[sku] = item;
        }

        return items;
    }

    /// <summary>
    /// Locks the order's hold and the stock of its lines, in the one order. Returns the hold (null
    /// if none) with its lines and their stock rows.
    /// </summary>
    public async Task<LockedHold> LockHoldAsync(Guid orderId, CancellationToken cancellationToken)
    {
        // Lines never change once written, so reading them before any lock is safe...
        var lines = await LinesAsync(orderId, cancellationToken);
        var items = await LockItemsAsync(lines.Select(x => x.Sku), cancellationToken);
        var hold = await database.ForUpdate<InventoryHold, Guid>(db, nameof(InventoryHold.OrderId), orderId)
            .AsTracking().SingleOrDefaultAsync(cancellationToken);

        // ...unless the hold was written in between: its skus are not locked, so start over in a new transaction.
        if (hold is not null && lines.Count == 0 && await db.Set<InventoryHoldLine>().AnyAsync(x => x.OrderId == orderId, cancellationToken))
            throw new InventoryHoldChangedException(orderId);

        return new LockedHold(hold, lines, items);
    }

    Task<List<InventoryHoldLine>> LinesAsync(Guid orderId, CancellationToken cancellationToken) =>
        db.Set<InventoryHoldLine>().AsNoTracking().Where(x => x.OrderId == orderId).ToListAsync(cancellationToken);
}

public sealed record LockedHold(InventoryHold? Hold, IReadOnlyList<InventoryHoldLine> Lines, IReadOnlyDictionary<string, InventoryItem> Items)
{
    /// <summary>The stock row of a line; it exists, as a line is only written for a sku in stock.</summary>
    public InventoryItem ItemOf(InventoryHoldLine line) => Items[line.Sku];
}

/// <summary>A transient conflict: the message is retried and then sees the hold as it is.</summary>
public sealed class InventoryHoldChangedException(Guid orderId)
    : Exception($"The inventory hold of order {orderId} was written while its stock was being locked");
