namespace Sagas.Contracts;

/// <summary>Starts an order's fulfilment. Publishing it twice with one OrderId starts one saga.</summary>
public record StartOrder
{
    public Guid OrderId { get; init; }
    public string CustomerId { get; init; } = "";
    public IReadOnlyList<OrderLine> Items { get; init; } = [];
}

public record OrderLine
{
    public string Sku { get; init; } = "";
    public int Quantity { get; init; }
    public decimal Price { get; init; }
}
