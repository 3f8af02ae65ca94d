using Sagas.Contracts;

namespace Sagas.Orchestrator.Workflows.Batches;

/// <summary>One set of rules for a batch, whether it came over HTTP or the bus.</summary>
public static class BatchValidation
{
    public const int MaxConcurrencyLimit = 1000;

    /// <summary>Bounds the start message, which carries every order.</summary>
    public const int MaxOrders = 50_000;

    public static string? Problem(ProcessBatch request)
    {
        if (request.BatchId == Guid.Empty)
            return "batchId is required";
        if (request.Orders.Count == 0)
            return "orders must not be empty";
        if (request.Orders.Count > MaxOrders)
            return $"a batch holds at most {MaxOrders} orders";
        if (request.MaxConcurrency is < 1 or > MaxConcurrencyLimit)
            return $"maxConcurrency must be between 1 and {MaxConcurrencyLimit}";

        var seen = new HashSet<Guid>();
        foreach (var order in request.Orders)
        {
            if (order is null || order.OrderId == Guid.Empty)
                return "every order needs an orderId";
            if (!seen.Add(order.OrderId))
                return $"order {order.OrderId} appears more than once";
        }

        return null;
    }
}
