namespace Sagas.ActivityWorkers.Inventory;

/// <summary>
/// What an order holds of the stock, one row per order. The row is the first answer to the
/// order's reserve and stays, refusals and releases included, so a reserve sent again or late
/// gets the same answer.
/// </summary>
public class InventoryHold
{
    public Guid OrderId { get; set; }
    public InventoryHoldStatus Status { get; set; }

    /// <summary>Why the reserve was refused, for <see cref="InventoryHoldStatus.Rejected"/>.</summary>
    public string? Reason { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public enum InventoryHoldStatus
{
    Reserved,
    Released,
    Shipped,
    Rejected,
}
