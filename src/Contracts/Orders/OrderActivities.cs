namespace Sagas.Contracts;

/// <summary>Holds the order's units; all lines or none. Refused for good once the order's reservation was released.</summary>
public record ReserveInventory(Guid OrderId, IReadOnlyList<OrderLine> Items);

public record InventoryReserved(Guid OrderId);

public record InventoryRejected(Guid OrderId, string Reason);

/// <summary>Undoes <see cref="ReserveInventory"/>; with nothing reserved yet, it makes sure nothing will be.</summary>
public record ReleaseInventory(Guid OrderId);

/// <summary>Moves the order's total from the customer's account to the merchant's.</summary>
public record ChargePayment(Guid OrderId, string CustomerId, decimal Amount);

public record PaymentCharged(Guid OrderId, decimal Amount);

public record PaymentDeclined(Guid OrderId, string Reason);

/// <summary>Undoes <see cref="ChargePayment"/>; with nothing charged yet, it makes sure nothing will be.</summary>
public record RefundPayment(Guid OrderId, string CustomerId, decimal Amount);

/// <summary>Ships the reserved units; they leave the stock.</summary>
public record CreateShipment(Guid OrderId, string CustomerId, IReadOnlyList<OrderLine> Items);

public record ShipmentCreated(Guid OrderId, string ShipmentId);

public record ShipmentRejected(Guid OrderId, string Reason);

public record SendOrderConfirmation(Guid OrderId, string CustomerId, decimal Total, string ShipmentId);

public record OrderConfirmationSent(Guid OrderId);

/// <summary>Business failure reasons of the order activities.</summary>
public static class OrderFailures
{
    public const string OutOfStock = "OutOfStock";
    public const string UnknownSku = "UnknownSku";
    public const string Released = "ReservationReleased";
    public const string Voided = "PaymentVoided";
    public const string Unshippable = "Unshippable";
}
