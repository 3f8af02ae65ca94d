using MassTransit;
using Sagas.ActivityWorkers.Ledger;
using Sagas.Contracts;

namespace Sagas.ActivityWorkers.Inventory;

/// <summary>
/// Sets a sku's units on hand for the API, under the lock the stock activities take, so a reserve
/// never sees a half-made change. Units held for orders stay held: the count cannot go below them.
/// </summary>
public sealed class SetStockConsumer(LedgerDbContext db, InventoryLocks locks) : IConsumer<SetStock>
{
    public async Task Consume(ConsumeContext<SetStock> context)
    {
        var (sku, quantity) = context.Message;
        if (!InventorySkus.IsValid(sku))
        {
            await context.RespondAsync(new StockNotSet(sku, $"sku must be 1-{InventorySkus.MaxLength} letters, digits, '-', '_' or '.', starting with a letter or digit"));
            return;
        }

        if (quantity < 0)
        {
            await context.RespondAsync(new StockNotSet(sku, "quantity is required and cannot be negative"));
            return;
        }

        var stock = await locks.LockItemsAsync([sku], context.CancellationToken);
        if (!stock.TryGetValue(sku, out var item))
        {
            item = new InventoryItem { Sku = sku };
            db.Add(item);
        }
        else if (quantity < item.Reserved)
        {
            await context.RespondAsync(new StockNotSet(sku, $"{item.Reserved} units of {sku} are reserved for orders; the quantity cannot go below that"));
            return;
        }

        item.Quantity = quantity;
        item.Version++;
        await context.RespondAsync(new StockLevel(item.Sku, item.Quantity, item.Reserved));
    }
}
