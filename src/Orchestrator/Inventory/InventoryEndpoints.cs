using MassTransit;
using Sagas.Contracts;
using Sagas.Orchestrator.Requests;

namespace Sagas.Orchestrator.Inventory;

/// <summary><c>/api/inventory</c>: the stock is the activity workers', so each call is a request to them.</summary>
public sealed class InventoryEndpoints : IEndpointGroup
{
    public record SetStockRequest(int? Quantity);

    public record StockView(string Sku, int Quantity, int Reserved);

    public void Map(IEndpointRouteBuilder app)
    {
        var inventory = app.MapGroup("/api/inventory").WithTags("Inventory");
        inventory.MapPut("/{sku}", SetAsync);
        inventory.MapGet("/{sku}", GetAsync);
    }

    /// <summary>Sets the units on hand of a sku, adding it if new. Units held for orders stay held, so the count cannot go below them.</summary>
    static Task<IResult> SetAsync(string sku, SetStockRequest? request, IRequestClient<SetStock> workers, WorkerRequests asking, CancellationToken cancellationToken)
    {
        if (request?.Quantity is not { } quantity)
            return Task.FromResult(Invalid("quantity is required and cannot be negative"));

        return asking.AskAsync(async timeout =>
        {
            var answer = await workers.GetResponse<StockLevel, StockNotSet>(new SetStock(sku, quantity), cancellationToken, timeout);
            return answer.Message switch
            {
                StockLevel level => Results.Ok(View(level)),
                StockNotSet refused => Invalid(refused.Reason),
                var other => throw new InvalidOperationException($"unexpected answer {other}"),
            };
        });
    }

    static Task<IResult> GetAsync(string sku, IRequestClient<GetStock> workers, WorkerRequests asking, CancellationToken cancellationToken) =>
        asking.AskAsync(async timeout =>
        {
            var answer = await workers.GetResponse<StockLevel, StockNotFound>(new GetStock(sku), cancellationToken, timeout);
            return answer.Is(out Response<StockLevel>? level)
                ? Results.Ok(View(level.Message))
                : Results.Problem($"No inventory item {sku}", statusCode: StatusCodes.Status404NotFound);
        });

    static StockView View(StockLevel level) => new(level.Sku, level.Quantity, level.Reserved);

    static IResult Invalid(string reason) =>
        Results.Problem(reason, statusCode: StatusCodes.Status400BadRequest, title: "Invalid stock");
}
