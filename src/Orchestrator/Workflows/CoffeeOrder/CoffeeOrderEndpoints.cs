using Sagas.Contracts;
using Sagas.Orchestrator.Data;
using Sagas.Orchestrator.Sagas;

namespace Sagas.Orchestrator.Workflows.CoffeeOrder;

/// <summary>Order a beverage and read its order; the <c>cancel-order</c> signal and terminate go through <c>/api/sagas</c>.</summary>
public sealed class CoffeeOrderEndpoints : IEndpointGroup
{
    public record StartCoffeeOrderRequest(Guid? CoffeeOrderId, string? CustomerId, string? Beverage);

    public record CoffeeOrderView(CoffeeOrderStatus Order, IReadOnlyList<SagaHistoryView> History);

    static readonly StartRoute Start = new("/api/coffee-orders", "coffeeOrderId", "coffee-order");

    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Start.Path).WithTags("CoffeeOrder");
        group.MapPost("/", StartAsync);
        group.MapGet("/{id:guid}", GetAsync);
    }

    static Task<IResult> StartAsync(StartCoffeeOrderRequest request, SagaStarts starts, HttpContext http) =>
        starts.StartAsync(http, Start, request, request.CoffeeOrderId,
            id => new StartCoffeeOrder { CoffeeOrderId = id, CustomerId = request.CustomerId ?? "", Beverage = request.Beverage ?? "" },
            CoffeeOrderStateMachine.Problem);

    static Task<IResult> GetAsync(Guid id, SagasDbContext db, CancellationToken cancellationToken) =>
        db.ReadAsync<CoffeeOrderState, CoffeeOrderView>(Start, id, (saga, history) => new CoffeeOrderView(saga.Status(), history), cancellationToken);
}
