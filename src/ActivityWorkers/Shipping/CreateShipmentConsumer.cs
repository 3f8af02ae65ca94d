using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sagas.ActivityWorkers.Inventory;
using Sagas.ActivityWorkers.Ledger;
using Sagas.Contracts;

namespace Sagas.ActivityWorkers.Shipping;

/// <summary>
/// Ships what the order holds: the units leave the stock and the hold becomes shipped, so it can
/// no longer be released. One shipment per order; a repeat answers with the same shipment id.
/// </summary>
public sealed class CreateShipmentConsumer(LedgerDbContext db, InventoryLocks locks, IOptionsMonitor<ShippingOptions> options, TimeProvider clock)
    : IConsumer<CreateShipment>
{
    /// <summary>Shipping was asked for an order that never reserved anything (or whose reserve was refused).</summary>
    public const string NotReserved = "NotReserved";

    public async Task Consume(ConsumeContext<CreateShipment> context)
    {
        var (orderId, customerId, _) = context.Message;
        var locked = await locks.LockHoldAsync(orderId, context.CancellationToken);
        var shipment = await db.Set<Shipment>().SingleOrDefaultAsync(x => x.OrderId == orderId, context.CancellationToken)
            ?? Ship(orderId, customerId, locked);

        if (shipment.Status == ShipmentStatus.Created)
            await context.RespondAsync(new ShipmentCreated(orderId, shipment.ShipmentId!));
        else
            await context.RespondAsync(new ShipmentRejected(orderId, shipment.Reason!));
    }

    Shipment Ship(Guid orderId, string customerId, LockedHold locked)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var shipment = new Shipment { OrderId = orderId, CustomerId = customerId, Status = ShipmentStatus.Rejected, CreatedAt = now };
        db.Add(shipment);

        shipment.Reason = RefusalOf(locked);
        if (shipment.Reason is not null)
            return shipment;

        foreach (var line in locked.Lines)
        {
            var item = locked.ItemOf(line);
            item.Quantity -= line.Quantity;
            item.Reserved -= line.Quantity;
            item.Version++;
        }

        locked.Hold!.Status = InventoryHoldStatus.Shipped;
        locked.Hold.UpdatedAt = now;
        shipment.Status = ShipmentStatus.Created;
        shipment.ShipmentId = $"SHP-{Guid.NewGuid():N}";
        return shipment;
    }

    string? RefusalOf(LockedHold locked)
    {
        switch (locked.Hold?.Status)
        {
            case InventoryHoldStatus.Released:
                return OrderFailures.Released;
            case InventoryHoldStatus.Reserved:
                break;
            case InventoryHoldStatus.Shipped:
                throw new InvalidOperationException($"Order {locked.Hold.OrderId} is shipped but has no shipment");
            default:
                return NotReserved;
        }

        var unshippable = options.CurrentValue.UnshippableSkus;
        return locked.Lines.Any(line => unshippable.Contains(line.Sku, StringComparer.Ordinal)) ? OrderFailures.Unshippable : null;
    }
}
