using System.Text.Json.Nodes;
using Sagas.Operations.Visibility;
using Sagas.Orchestrator.Data;

namespace Sagas.Orchestrator.Sagas;

/// <summary>Every saga of every workflow: list and search, one instance's detail, and the operator's controls.</summary>
public sealed class SagaEndpoints : IEndpointGroup
{
    public record ControlRequest(string? Reason);

    public void Map(IEndpointRouteBuilder app)
    {
        var sagas = app.MapGroup("/api/sagas").WithTags("Sagas");
        sagas.MapGet("/", ListAsync);
        sagas.MapGet("/stuck", StuckAsync);
        sagas.MapGet("/{id:guid}", GetAsync);
        sagas.MapPost("/{id:guid}/signals/{name}", SignalAsync);
        sagas.MapPost("/{id:guid}/cancel", (Guid id, ControlRequest? request, SagaControl control, CancellationToken ct) =>
            ControlAsync(control, id, SagaOperation.Cancel, null, null, request?.Reason, ct));
        sagas.MapPost("/{id:guid}/terminate", (Guid id, ControlRequest? request, SagaControl control, CancellationToken ct) =>
            ControlAsync(control, id, SagaOperation.Terminate, null, null, request?.Reason, ct));
        sagas.MapPost("/bulk/{operation}", SagaBulkEndpoint.RunAsync);
    }

    static Task<IResult> ListAsync(HttpRequest request, SagaCatalog catalog, SagasDbContext db, TimeProvider clock, CancellationToken ct) =>
        Filtered(async () =>
        {
            var (filter, limit, page) = SagaFilterQuery.Parse(request.Query);
            return Results.Ok(await catalog.ListAsync(db, filter, page, limit, clock.GetUtcNow().UtcDateTime, ct));
        });

    static Task<IResult> StuckAsync(HttpRequest request, SagaCatalog catalog, SagasDbContext db, TimeProvider clock, CancellationToken ct) =>
        Filtered(async () =>
        {
            var (filter, limit, page) = SagaFilterQuery.Parse(request.Query);
            return Results.Ok(await catalog.ListAsync(db, filter with { StuckOnly = true }, page, limit, clock.GetUtcNow().UtcDateTime, ct));
        });

    static async Task<IResult> GetAsync(Guid id, SagaCatalog catalog, SignalCatalog signals, SagasDbContext db, CancellationToken ct) =>
        await SagaDetail.LoadAsync(catalog, signals, db, id, ct) is { } detail
            ? Results.Ok(detail)
            : Results.Problem($"no saga has the id {id}", statusCode: StatusCodes.Status404NotFound, title: "Not found");

    static Task<IResult> SignalAsync(Guid id, string name, HttpRequest request, SagaControl control, CancellationToken ct) =>
        Filtered(async () => await ControlAsync(control, id, SagaOperation.Signal, name, await SagaSignals.ReadBodyAsync(request, ct), null, ct));

    static async Task<IResult> ControlAsync(SagaControl control, Guid id, SagaOperation operation, string? signal, JsonObject? data, string? reason,
        CancellationToken ct)
    {
        try
        {
            var result = await control.ApplyAsync(id, operation, signal, data, reason, ct);
            if (!result.Sent)
                return Results.Problem(result.Refusal, statusCode: result.Status, title: Title(result.Status));

            await control.SaveAsync(ct);
            return Results.Accepted($"/api/sagas/{id}", new { sagaId = id, operation = operation.ToString().ToLowerInvariant(), signal });
        }
        catch (SagaFilterException exception)
        {
            return Invalid(exception);
        }
    }

    /// <summary>Runs a query whose input may be malformed: the reason becomes a 400, never a 500.</summary>
    public static async Task<IResult> Filtered(Func<Task<IResult>> run)
    {
        try
        {
            return await run();
        }
        catch (SagaFilterException exception)
        {
            return Invalid(exception);
        }
    }

    static IResult Invalid(SagaFilterException exception) =>
        Results.Problem(exception.Message, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request");

    static string Title(int status) => status switch
    {
        StatusCodes.Status404NotFound => "Not found",
        StatusCodes.Status409Conflict => "Conflict",
        _ => "Invalid request",
    };
}
