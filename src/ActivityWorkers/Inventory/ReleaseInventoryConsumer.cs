using MassTransit;
using Sagas.ActivityWorkers.Ledger;
using Sagas.Contracts;
using Sagas.Durability.Compensation;

namespace Sagas.ActivityWorkers.Inventory;

/// <summary>
/// Undoes an order's reserve. Before any reserve it leaves a released hold behind, so a reserve
/// that arrives late (a slow first send, or a step sent again) is refused rather than holding
/// units nobody will release.
/// </summary>
public sealed class ReleaseInventoryConsumer(LedgerDbContext db, InventoryLocks locks, TimeProvider clock) : IConsumer<ReleaseInventory>
{
    public async Task Consume(ConsumeContext<ReleaseInventory> context)
    {
        var orderId = context.Message.OrderId;
        var locked = await locks.LockHoldAsync(orderId, context.CancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;

        switch (locked.Hold)
        {
            case null:
                db.Add(new InventoryHold { OrderId = orderId, Status = InventoryHoldStatus.Released, CreatedAt = now, UpdatedAt = now });
                break;

            case { Status: InventoryHoldStatus.Reserved } hold:
                foreach (var line in locked.Lines)
                {
                    var item = locked.ItemOf(line);
                    item.Reserved -= line.Quantity;
                    item.Version++;
                }

                hold.Status = InventoryHoldStatus.Released;
                hold.UpdatedAt = now;
                break;

            case { Status: InventoryHoldStatus.Shipped }:
                await context.CompensationFailedAsync(orderId, $"Order {orderId} has shipped; its units are no longer in stock to release");
                return;
        }

        // Released already, or the reserve was refused: nothing is held.
        await context.CompensatedAsync(orderId);
    }
}
