using Microsoft.EntityFrameworkCore;
using Sagas.ActivityWorkers.Inventory;
using Sagas.ActivityWorkers.Ledger;
using Sagas.Durability.Storage;

namespace Sagas.Orchestrator.Inventory;

public sealed class InventoryEndpoints : IEndpointGroup
{
    public record SetStockRequest(int? Quantity);

    public record StockView(string Sku, int Quantity, int Reserved);

    public void Map(IEndpointRouteBuilder app)
    {
        var inventory = app.MapGroup("/api/inventory").WithTags("Inventory");
        inventory.MapPut("/{sku}", SetAsync);
        inventory.MapGet("/{sku}", GetAsync);
    }

    /// <summary>Sets the units on hand of a sku, adding it if new. Units held for orders stay held, so the count cannot go below them.</summary>
    static async Task<IResult> SetAsync(string sku, SetStockRequest? request, LedgerDbContext db, DurableDatabase database, CancellationToken cancellationToken)
    {
        if (!InventorySkus.IsValid(sku))
            return Invalid($"sku must be 1-{InventorySkus.MaxLength} letters, digits, '-', '_' or '.', starting with a letter or digit");
        if (request?.Quantity is not { } quantity || quantity < 0)
            return Invalid("quantity is required and cannot be negative");

        using (await database.WriteGate.EnterAsync(cancellationToken))
        {
            // The same lock the stock activities take, so a reserve never sees a half-made change.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var item = await database.ForUpdate<InventoryItem, string>(db, nameof(InventoryItem.Sku), sku).AsTracking().SingleOrDefaultAsync(cancellationToken);
            if (item is null)
            {
                item = new InventoryItem { Sku = sku };
                db.Add(item);
            }
            else if (quantity < item.Reserved)
            {
                return Invalid($"{item.Reserved} units of {sku} are reserved for orders; the quantity cannot go below that");
            }

            item.Quantity = quantity;
            item.Version++;
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return Results.Ok(new StockView(item.Sku, item.Quantity, item.Reserved));
        }
    }

    static async Task<IResult> GetAsync(string sku, LedgerDbContext db, CancellationToken cancellationToken)
    {
        var item = await db.Set<InventoryItem>().AsNoTracking().SingleOrDefaultAsync(x => x.Sku == sku, cancellationToken);
        return item is null
            ? Results.Problem($"No inventory item {sku}", statusCode: StatusCodes.Status404NotFound)
            : Results.Ok(new StockView(item.Sku, item.Quantity, item.Reserved));
    }

    static IResult Invalid(string reason) =>
        Results.Problem(reason, statusCode: StatusCodes.Status400BadRequest, title: "Invalid stock");
}
