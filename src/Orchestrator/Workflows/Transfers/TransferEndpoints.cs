using Sagas.Contracts;
using Sagas.Orchestrator.Data;
using Sagas.Orchestrator.Sagas;

namespace Sagas.Orchestrator.Workflows.Transfers;

public sealed class TransferEndpoints : IEndpointGroup
{
    public record StartTransferRequest(Guid? TransferId, string? FromAccount, string? ToAccount, decimal? Amount);

    public record TransferView(
        Guid TransferId, string State, string FromAccount, string ToAccount, decimal Amount, string? FailureReason,
        DateTime CreatedAt, DateTime UpdatedAt, DateTime? CompletedAt, IReadOnlyList<SagaHistoryView> History);

    public void Map(IEndpointRouteBuilder app)
    {
        var transfers = app.MapGroup("/api/transfers").WithTags("Transfers");
        transfers.MapPost("/", StartAsync);
        transfers.MapGet("/{id:guid}", GetAsync);
    }

    static readonly StartRoute Start = new("/api/transfers", "transferId", "transfer");

    static Task<IResult> StartAsync(StartTransferRequest request, SagaStarts starts, HttpContext http) =>
        starts.StartAsync(http, Start, request, request.TransferId, id => new StartTransfer
        {
            TransferId = id,
            FromAccount = request.FromAccount ?? "",
            ToAccount = request.ToAccount ?? "",
            Amount = request.Amount ?? 0,
        }, TransferValidation.Problem);

    static Task<IResult> GetAsync(Guid id, SagasDbContext db, CancellationToken cancellationToken) =>
        db.ReadAsync<TransferState, TransferView>(Start, id, (saga, history) => new TransferView(
            saga.CorrelationId, saga.CurrentState, saga.FromAccount, saga.ToAccount, saga.Amount, saga.FailureReason, saga.CreatedAt,
            saga.UpdatedAt, saga.CompletedAt, history), cancellationToken);
}
