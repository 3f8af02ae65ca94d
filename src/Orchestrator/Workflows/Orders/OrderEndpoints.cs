using Sagas.Contracts;
using Sagas.Durability.Outbox;
using Sagas.Orchestrator.Data;
using Sagas.Orchestrator.Sagas;

namespace Sagas.Orchestrator.Workflows.Orders;

public sealed class OrderEndpoints : IEndpointGroup
{
    public record StartOrderRequest(Guid? OrderId, string? CustomerId, List<OrderLine>? Items);

    public record CancelOrderRequest(string? Reason);

    public record OrderView(OrderStatus Order, IReadOnlyList<SagaHistoryView> History);

    public void Map(IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/orders").WithTags("Orders");
        orders.MapPost("/", StartAsync);
        orders.MapGet("/{id:guid}", GetAsync);
        orders.MapPost("/{id:guid}/cancel", CancelAsync);
    }

    static readonly StartRoute Start = new("/api/orders", "orderId", "order");

    static Task<IResult> StartAsync(StartOrderRequest request, SagaStarts starts, HttpContext http) =>
        starts.StartAsync(http, Start, request, request.OrderId, id => new StartOrder
        {
            OrderId = id,
            CustomerId = request.CustomerId ?? "",
            Items = request.Items ?? [],
        }, OrderValidation.Problem);

    static async Task<IResult> GetAsync(Guid id, SagasDbContext db, CancellationToken cancellationToken)
    {
        if (await OrderStatusQuery.FindAsync(db, id, cancellationToken) is not { } status)
            return Results.Problem($"No order {id}", statusCode: StatusCodes.Status404NotFound);

        return Results.Ok(new OrderView(status, await SagaHistoryView.LoadAsync(db, id, cancellationToken)));
    }

    /// <summary>
    /// Refuses at once what is clearly too late; otherwise the saga decides, since the order may
    /// start shipping between this check and the cancel's arrival (it then publishes the refusal).
    /// </summary>
    static async Task<IResult> CancelAsync(Guid id, CancelOrderRequest? request, SagasDbContext db, BusOutbox<SagasDbContext> outbox,
        CancellationToken cancellationToken)
    {
        if (await OrderStatusQuery.FindAsync(db, id, cancellationToken) is not { } status)
            return Results.Problem($"No order {id}", statusCode: StatusCodes.Status404NotFound);
        if (!OrderStateMachine.CancellableStates.Contains(status.Status))
            return Results.Problem(OrderStateMachine.CancelRefusal(status.Status), statusCode: StatusCodes.Status409Conflict, title: "Order cannot be cancelled");

        await outbox.Publish(new CancelOrder(id, request?.Reason), cancellationToken);
        await outbox.SaveChangesAsync(cancellationToken);
        return Results.Accepted($"/api/orders/{id}", new { orderId = id });
    }
}
