using Sagas.Contracts;
using Sagas.Orchestrator.Data;
using Sagas.Orchestrator.Sagas;

namespace Sagas.Orchestrator.Workflows.BillingCollection;

/// <summary>Start and read a billing collection; the <c>stop</c> signal goes through <c>/api/sagas/{id}/signals/stop</c>.</summary>
public sealed class BillingCollectionEndpoints : IEndpointGroup
{
    public record StartBillingCollectionRequest(Guid? BillingCollectionId, string? Account);

    public record BillingCollectionView(
        Guid BillingCollectionId, string State, string Account, int Runs, int FailedRuns, long RecordsCollected, decimal AmountCollected,
        DateTime? NextRunAt, long? FetchProgress, string? FailureReason, IReadOnlyList<SagaHistoryView> History);

    static readonly StartRoute Start = new("/api/billing-collections", "billingCollectionId", "billing-collection");

    public void Map(IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Start.Path).WithTags("BillingCollection");
        group.MapPost("/", StartAsync);
        group.MapGet("/{id:guid}", GetAsync);
    }

    static Task<IResult> StartAsync(StartBillingCollectionRequest request, SagaStarts starts, HttpContext http) =>
        starts.StartAsync(http, Start, request, request.BillingCollectionId,
            id => new StartBillingCollection { BillingCollectionId = id, Account = request.Account ?? "" },
            BillingCollectionStateMachine.Problem);

    static Task<IResult> GetAsync(Guid id, SagasDbContext db, CancellationToken cancellationToken) =>
        db.ReadAsync<BillingCollectionState, BillingCollectionView>(Start, id, (saga, history) => new BillingCollectionView(
            saga.CorrelationId, saga.CurrentState, saga.Account, saga.Runs, saga.FailedRuns, saga.RecordsCollected, saga.AmountCollected,
            saga.NextRunAt, saga.StepProgress, saga.FailureReason, history), cancellationToken);
}
