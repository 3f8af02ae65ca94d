using MassTransit;
using Microsoft.EntityFrameworkCore;
using Sagas.ActivityWorkers.Ledger;
using Sagas.Contracts;

namespace Sagas.ActivityWorkers.Inventory;

/// <summary>A sku's stock, for the API.</summary>
public sealed class GetStockConsumer(LedgerDbContext db) : IConsumer<GetStock>
{
    public async Task Consume(ConsumeContext<GetStock> context)
    {
        var sku = context.Message.Sku;
        var item = await db.Set<InventoryItem>().AsNoTracking().SingleOrDefaultAsync(x => x.Sku == sku, context.CancellationToken);
        if (item is null)
            await context.RespondAsync(new StockNotFound(sku));
        else
            await context.RespondAsync(new StockLevel(item.Sku, item.Quantity, item.Reserved));
    }
}
