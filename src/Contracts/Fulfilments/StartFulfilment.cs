namespace Sagas.Contracts;

/// <summary>Takes the payment and reserves the stock for an order at the same time, each as a child saga.</summary>
public record StartFulfilment
{
    public Guid FulfilmentId { get; init; }
    public string CustomerId { get; init; } = "";
    public IReadOnlyList<OrderLine> Items { get; init; } = [];
}

public record FulfilmentCompleted(Guid FulfilmentId, Guid PaymentId, Guid ReservationId);

/// <summary>One child failed; the other, if it succeeded, was undone.</summary>
public record FulfilmentFailed(Guid FulfilmentId, string Reason);
