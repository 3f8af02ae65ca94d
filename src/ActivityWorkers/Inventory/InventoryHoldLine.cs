namespace Sagas.ActivityWorkers.Inventory;

/// <summary>Units of one sku an order holds; written with the hold and never changed.</summary>
public class InventoryHoldLine
{
    public Guid OrderId { get; set; }
    public string Sku { get; set; } = "";
    public int Quantity { get; set; }
}
