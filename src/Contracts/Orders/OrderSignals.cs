namespace Sagas.Contracts;

/// <summary>Cancels an order that has not started shipping; what was done is undone.</summary>
[Signal("cancel", nameof(OrderId))]
public record CancelOrder(Guid OrderId, string? Reason = null);

/// <summary>Asks an order's status; answered with <see cref="OrderStatus"/> or <see cref="OrderNotFound"/>.</summary>
public record GetOrderStatus(Guid OrderId);

/// <summary>An order as its saga last saved it; <see cref="Refunded"/> is what went back after a charge was undone.</summary>
public record OrderStatus(Guid OrderId, string Status, string? Step, string CustomerId, decimal Total, decimal Charged, decimal Refunded,
    string? ShipmentId, string? FailureReason, DateTime CreatedAt, DateTime UpdatedAt, DateTime? CompletedAt);

public record OrderNotFound(Guid OrderId);
