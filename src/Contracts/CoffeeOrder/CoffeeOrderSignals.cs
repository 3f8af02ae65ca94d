namespace Sagas.Contracts;

/// <summary>Cancels a coffee order until its beverage is ready: the payment is refunded and the ingredients go back.</summary>
[Signal("cancel-order", nameof(CoffeeOrderId))]
public record CancelCoffeeOrder(Guid CoffeeOrderId, string? Reason = null);

/// <summary>Asks a coffee order's status; answered with <see cref="CoffeeOrderStatus"/> or <see cref="CoffeeOrderNotFound"/>.</summary>
public record GetCoffeeOrderStatus(Guid CoffeeOrderId);

/// <summary>A coffee order as its saga last saved it; <see cref="Progress"/> is the preparation stages done.</summary>
public record CoffeeOrderStatus(Guid CoffeeOrderId, string Status, string Beverage, string? Step, long? Progress, string? FailureReason);

public record CoffeeOrderNotFound(Guid CoffeeOrderId);
