namespace Sagas.ActivityWorkers.Shipping;

/// <summary>An order's shipment, or why it was refused; the first answer to the order's ship step for good.</summary>
public class Shipment
{
    public Guid OrderId { get; set; }
    public string CustomerId { get; set; } = "";
    public ShipmentStatus Status { get; set; }
    public string? ShipmentId { get; set; }
    public string? Reason { get; set; }
    public DateTime CreatedAt { get; set; }
}

public enum ShipmentStatus
{
    Created,
    Rejected,
}
