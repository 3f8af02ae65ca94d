using Sagas.Contracts;
using Sagas.Orchestrator.Data;
using Sagas.Orchestrator.Sagas;

namespace Sagas.Orchestrator.Workflows.Provisioning;

public sealed class ProvisioningEndpoints : IEndpointGroup
{
    public record StartProvisioningRequest(Guid? ProvisioningId, string? Environment, string[]? Providers);

    public record ProvisioningView(
        Guid ProvisioningId, string State, string Environment, IReadOnlyList<ProviderResource> Providers, string? FailureReason,
        DateTime CreatedAt, DateTime UpdatedAt, DateTime? CompletedAt, IReadOnlyList<SagaHistoryView> History);

    public void Map(IEndpointRouteBuilder app)
    {
        var provisionings = app.MapGroup("/api/provisionings").WithTags("Provisionings");
        provisionings.MapPost("/", StartAsync);
        provisionings.MapGet("/{id:guid}", GetAsync);
    }

    static readonly StartRoute Start = new("/api/provisionings", "provisioningId", "provisioning");

    static Task<IResult> StartAsync(StartProvisioningRequest request, SagaStarts starts, HttpContext http) =>
        starts.StartAsync(http, Start, request, request.ProvisioningId, id => new StartProvisioning
        {
            ProvisioningId = id,
            Environment = request.Environment ?? "",
            Providers = request.Providers ?? [],
        }, ProvisioningValidation.Problem);

    static Task<IResult> GetAsync(Guid id, SagasDbContext db, CancellationToken cancellationToken) =>
        db.ReadAsync<ProvisioningState, ProvisioningView>(Start, id, (saga, history) => new ProvisioningView(
            saga.CorrelationId, saga.CurrentState, saga.Environment, saga.Providers, saga.FailureReason, saga.CreatedAt, saga.UpdatedAt,
            saga.CompletedAt, history), cancellationToken);
}
