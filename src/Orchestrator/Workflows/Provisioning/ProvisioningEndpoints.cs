using Microsoft.EntityFrameworkCore;
using Sagas.Contracts;
using Sagas.Durability.Outbox;
using Sagas.Orchestrator.Data;
using Sagas.Orchestrator.Sagas;

namespace Sagas.Orchestrator.Workflows.Provisioning;

public static class ProvisioningEndpoints
{
    public record StartProvisioningRequest(Guid? ProvisioningId, string? Environment, string[]? Providers);

    public record ProvisioningView(
        Guid ProvisioningId, string State, string Environment, IReadOnlyList<ProviderResource> Providers, string? FailureReason,
        DateTime CreatedAt, DateTime UpdatedAt, DateTime? CompletedAt, IReadOnlyList<SagaHistoryView> History);

    public static IEndpointRouteBuilder MapProvisioningEndpoints(this IEndpointRouteBuilder app)
    {
        var provisionings = app.MapGroup("/api/provisionings").WithTags("Provisionings");
        provisionings.MapPost("/", StartAsync);
        provisionings.MapGet("/{id:guid}", GetAsync);
        return app;
    }

    static async Task<IResult> StartAsync(StartProvisioningRequest request, BusOutbox<SagasDbContext> outbox, CancellationToken cancellationToken)
    {
        var command = new StartProvisioning
        {
            ProvisioningId = request.ProvisioningId ?? Guid.NewGuid(),
            Environment = request.Environment ?? "",
            Providers = request.Providers ?? [],
        };
        if (ProvisioningValidation.Problem(command) is { } problem)
            return Results.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "Invalid provisioning");

        await outbox.Publish(command, cancellationToken);
        await outbox.SaveChangesAsync(cancellationToken);
        return Results.Accepted($"/api/provisionings/{command.ProvisioningId}", new { provisioningId = command.ProvisioningId });
    }

    static async Task<IResult> GetAsync(Guid id, SagasDbContext db, CancellationToken cancellationToken)
    {
        var saga = await db.Set<ProvisioningState>().AsNoTracking().SingleOrDefaultAsync(x => x.CorrelationId == id, cancellationToken);
        if (saga is null)
            return Results.Problem($"No provisioning {id}", statusCode: StatusCodes.Status404NotFound);

        return Results.Ok(new ProvisioningView(
            saga.CorrelationId, saga.CurrentState, saga.Environment, saga.Providers, saga.FailureReason,
            saga.CreatedAt, saga.UpdatedAt, saga.CompletedAt, await SagaHistoryView.LoadAsync(db, id, cancellationToken)));
    }
}
