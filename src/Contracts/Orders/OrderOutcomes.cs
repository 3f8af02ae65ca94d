namespace Sagas.Contracts;

public record OrderCompleted(Guid OrderId, decimal Total, string ShipmentId);

/// <summary>The order ended without shipping; <see cref="State"/> says how (Rejected, PaymentFailed, ShipmentFailed, Cancelled).</summary>
public record OrderFailed(Guid OrderId, string State, string Reason);

/// <summary>A cancel came too late (the order is shipping or done) and changed nothing.</summary>
public record OrderCancellationRefused(Guid OrderId, string Reason);

public record OrderNeedsAttention(Guid OrderId, string Reason);
