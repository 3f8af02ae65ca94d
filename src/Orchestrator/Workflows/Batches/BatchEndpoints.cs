using Microsoft.EntityFrameworkCore;
using Sagas.Contracts;
using Sagas.Orchestrator.Data;
using Sagas.Orchestrator.Sagas;

namespace Sagas.Orchestrator.Workflows.Batches;

public sealed class BatchEndpoints : IEndpointGroup
{
    public record ProcessBatchRequest(Guid? BatchId, IReadOnlyList<StartOrder>? Orders, int? MaxConcurrency);

    public record BatchView(
        Guid BatchId, string State, int Total, int MaxConcurrency, int Started, int Running, int Succeeded, int Failed, int MaxRunning,
        string? FailureReason, DateTime StartedAt, DateTime UpdatedAt, DateTime? CompletedAt);

    public record BatchItemView(int Position, Guid OrderId, string Status, string? Outcome, DateTime? StartedAt, DateTime? FinishedAt);

    public void Map(IEndpointRouteBuilder app)
    {
        var batches = app.MapGroup("/api/batches").WithTags("Batches");
        batches.MapPost("/", StartAsync);
        batches.MapGet("/{id:guid}", GetAsync);
        batches.MapGet("/{id:guid}/items", GetItemsAsync);
    }

    static readonly StartRoute Start = new("/api/batches", "batchId", "batch");

    static Task<IResult> StartAsync(ProcessBatchRequest request, SagaStarts starts, SagasDbContext db, HttpContext http) =>
        starts.StartAsync(http, Start, request, request.BatchId, id => new ProcessBatch
        {
            BatchId = id,
            Orders = request.Orders ?? [],
            MaxConcurrency = request.MaxConcurrency,
        }, BatchValidation.Problem, async (batch, cancellationToken) =>
            // A quick answer for the caller; the batch checks again in its own transaction.
            await BatchItems.FindTakenOrderAsync(db, batch, cancellationToken) is { } taken
                ? Results.Problem(taken, statusCode: StatusCodes.Status409Conflict, title: "Order already batched")
                : null);

    static async Task<IResult> GetAsync(Guid id, SagasDbContext db, CancellationToken cancellationToken)
    {
        var saga = await db.Set<BatchState>().AsNoTracking().SingleOrDefaultAsync(x => x.CorrelationId == id, cancellationToken);
        if (saga is null)
            return Results.Problem($"No batch {id}", statusCode: StatusCodes.Status404NotFound);

        return Results.Ok(new BatchView(
            saga.CorrelationId, saga.CurrentState, saga.Total, saga.MaxConcurrency, saga.Started, saga.Running, saga.Succeeded, saga.Failed,
            saga.MaxRunning, saga.FailureReason, saga.CreatedAt, saga.UpdatedAt, saga.CompletedAt));
    }

    /// <summary>A page of the batch's orders in position order, optionally of one status; <c>after</c> is the last position seen.</summary>
    static async Task<IResult> GetItemsAsync(Guid id, SagasDbContext db, CancellationToken cancellationToken,
        BatchItemStatus? status = null, int after = -1, int limit = 100)
    {
        if (limit is < 1 or > 1000)
            return Results.Problem("limit must be between 1 and 1000", statusCode: StatusCodes.Status400BadRequest);
        if (!await db.Set<BatchState>().AnyAsync(x => x.CorrelationId == id, cancellationToken))
            return Results.Problem($"No batch {id}", statusCode: StatusCodes.Status404NotFound);

        var items = db.Set<BatchItem>().AsNoTracking().Where(x => x.BatchId == id && x.Position > after);
        if (status is { } wanted)
            items = items.Where(x => x.Status == wanted);
        var page = await items.OrderBy(x => x.Position).Take(limit)
            .Select(x => new BatchItemView(x.Position, x.OrderId, x.Status.ToString(), x.Outcome, x.StartedAt, x.FinishedAt))
            .ToListAsync(cancellationToken);
        return Results.Ok(page);
    }
}
