using MassTransit;
using Sagas.ActivityWorkers.Ledger;
using Sagas.Contracts;

namespace Sagas.ActivityWorkers.Inventory;

/// <summary>
/// Reserves all of an order's lines or none. The hold written the first time is the answer for
/// good: a reserve sent again is answered from it, and a released order's reserve is refused.
/// </summary>
public sealed class ReserveInventoryConsumer(LedgerDbContext db, InventoryLocks locks, TimeProvider clock) : IConsumer<ReserveInventory>
{
    /// <summary>A line of no units or fewer: the order is malformed, so no reserve of it can ever succeed.</summary>
    public const string InvalidQuantity = "InvalidQuantity";

    public async Task Consume(ConsumeContext<ReserveInventory> context)
    {
        var (orderId, lines) = context.Message;
        var wanted = lines.GroupBy(x => x.Sku, StringComparer.Ordinal).ToDictionary(x => x.Key, x => x.Sum(line => line.Quantity), StringComparer.Ordinal);

        var stock = await locks.LockItemsAsync(wanted.Keys, context.CancellationToken);
        var locked = await locks.LockHoldAsync(orderId, context.CancellationToken);
        var hold = locked.Hold ?? Reserve(orderId, wanted, stock);

        var refusal = hold.Status switch
        {
            InventoryHoldStatus.Reserved or InventoryHoldStatus.Shipped => null,
            InventoryHoldStatus.Released => OrderFailures.Released,
            _ => hold.Reason ?? hold.Status.ToString(),
        };
        if (refusal is null)
            await context.RespondAsync(new InventoryReserved(orderId));
        else
            await context.RespondAsync(new InventoryRejected(orderId, refusal));
    }

    InventoryHold Reserve(Guid orderId, Dictionary<string, int> wanted, Dictionary<string, InventoryItem> stock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var hold = new InventoryHold { OrderId = orderId, Status = InventoryHoldStatus.Reserved, CreatedAt = now, UpdatedAt = now };
        db.Add(hold);

        hold.Reason = RefusalOf(wanted, stock);
        if (hold.Reason is not null)
        {
            hold.Status = InventoryHoldStatus.Rejected;
            return hold;
        }

        foreach (var (sku, quantity) in wanted)
        {
            var item = stock[sku];
            item.Reserved += quantity;
            item.Version++;
            db.Add(new InventoryHoldLine { OrderId = orderId, Sku = sku, Quantity = quantity });
        }

        return hold;
    }

    static string? RefusalOf(Dictionary<string, int> wanted, Dictionary<string, InventoryItem> stock)
    {
        if (wanted.Values.Any(quantity => quantity <= 0))
            return InvalidQuantity;
        if (wanted.Keys.Any(sku => !stock.ContainsKey(sku)))
            return OrderFailures.UnknownSku;
        if (wanted.Any(line => stock[line.Key].Available < line.Value))
            return OrderFailures.OutOfStock;
        return null;
    }
}
