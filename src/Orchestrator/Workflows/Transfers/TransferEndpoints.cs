using Microsoft.EntityFrameworkCore;
using Sagas.Contracts;
using Sagas.Durability.Outbox;
using Sagas.Orchestrator.Data;
using Sagas.Orchestrator.Sagas;

namespace Sagas.Orchestrator.Workflows.Transfers;

public static class TransferEndpoints
{
    public record StartTransferRequest(Guid? TransferId, string? FromAccount, string? ToAccount, decimal? Amount);

    public record TransferView(
        Guid TransferId, string State, string FromAccount, string ToAccount, decimal Amount, string? FailureReason,
        DateTime CreatedAt, DateTime UpdatedAt, DateTime? CompletedAt, IReadOnlyList<SagaHistoryView> History);

    public static IEndpointRouteBuilder MapTransferEndpoints(this IEndpointRouteBuilder app)
    {
        var transfers = app.MapGroup("/api/transfers").WithTags("Transfers");
        transfers.MapPost("/", StartAsync);
        transfers.MapGet("/{id:guid}", GetAsync);
        return app;
    }

    static async Task<IResult> StartAsync(StartTransferRequest request, BusOutbox<SagasDbContext> outbox, CancellationToken cancellationToken)
    {
        var command = new StartTransfer
        {
            TransferId = request.TransferId ?? Guid.NewGuid(),
            FromAccount = request.FromAccount ?? "",
            ToAccount = request.ToAccount ?? "",
            Amount = request.Amount ?? 0,
        };
        if (TransferValidation.Problem(command) is { } problem)
            return Results.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "Invalid transfer");

        await outbox.Publish(command, cancellationToken);
        await outbox.SaveChangesAsync(cancellationToken);
        return Results.Accepted($"/api/transfers/{command.TransferId}", new { transferId = command.TransferId });
    }

    static async Task<IResult> GetAsync(Guid id, SagasDbContext db, CancellationToken cancellationToken)
    {
        var saga = await db.Set<TransferState>().AsNoTracking().SingleOrDefaultAsync(x => x.CorrelationId == id, cancellationToken);
        if (saga is null)
            return Results.Problem($"No transfer {id}", statusCode: StatusCodes.Status404NotFound);

        return Results.Ok(new TransferView(
            saga.CorrelationId, saga.CurrentState, saga.FromAccount, saga.ToAccount, saga.Amount, saga.FailureReason,
            saga.CreatedAt, saga.UpdatedAt, saga.CompletedAt, await SagaHistoryView.LoadAsync(db, id, cancellationToken)));
    }
}
