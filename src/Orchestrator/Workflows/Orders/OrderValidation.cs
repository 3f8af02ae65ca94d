using Sagas.Contracts;

namespace Sagas.Orchestrator.Workflows.Orders;

/// <summary>One set of rules for an order, whether it came over HTTP or the bus.</summary>
public static class OrderValidation
{
    public const int MaxLines = 100;

    public static string? Problem(StartOrder order)
    {
        if (order.OrderId == Guid.Empty)
            return "orderId is required";
        if (string.IsNullOrWhiteSpace(order.CustomerId) || order.CustomerId.Length > 64)
            return "customerId is required (at most 64 characters)";
        if (order.Items is not { Count: > 0 } items)
            return "items must list at least one line";
        if (items.Count > MaxLines)
            return $"items can list at most {MaxLines} lines";
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not { } line)
                return $"items[{i}] is missing";
            if (string.IsNullOrWhiteSpace(line.Sku) || line.Sku.Length > 64)
                return $"items[{i}].sku is required (at most 64 characters)";
            if (line.Quantity <= 0)
                return $"items[{i}].quantity must be greater than zero";
            if (line.Price < 0)
                return $"items[{i}].price cannot be negative";
        }
        if (items.GroupBy(x => x.Sku).FirstOrDefault(g => g.Count() > 1) is { } repeated)
            return $"sku {repeated.Key} appears on more than one line";
        return null;
    }

    public static decimal Total(IEnumerable<OrderLine> items) => items.Sum(x => x.Quantity * x.Price);
}
