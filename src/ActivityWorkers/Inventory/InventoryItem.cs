namespace Sagas.ActivityWorkers.Inventory;

/// <summary>A stocked article. <see cref="Reserved"/> units are held for orders and not yet shipped.</summary>
public class InventoryItem
{
    public string Sku { get; set; } = "";
    public int Quantity { get; set; }
    public int Reserved { get; set; }
    public int Version { get; set; }

    public int Available => Quantity - Reserved;
}
