using System.Text.Json.Nodes;
using Sagas.Durability.DeadLetters;

namespace Sagas.Orchestrator.DeadLetters;

/// <summary>
/// <c>/api/errors</c>: messages that faulted after their retries or that nothing consumed, with
/// their cause; a redrive sends one (or every match) back to the queue it failed on.
/// </summary>
public sealed class DeadLetterEndpoints : IEndpointGroup
{
    public record DeadLetterItem(
        Guid Id, string Queue, string? MessageType, string? ExceptionType, string? Reason, DateTime? FaultedAt, Guid? CorrelationId, string? SourceAddress);

    public record DeadLetterList(IReadOnlyList<DeadLetterItem> Items);

    public record DeadLetterDetail(
        Guid Id, string Queue, string? MessageType, string? ExceptionType, string? Reason, DateTime? FaultedAt, Guid? CorrelationId, string? SourceAddress,
        IReadOnlyDictionary<string, string?> Headers, JsonNode? Body, string? StackTrace, string? InputAddress);

    public record RedriveRequest(string? Queue, string? MessageType, string? SagaId, int? Limit, bool DryRun);

    public void Map(IEndpointRouteBuilder app)
    {
        var errors = app.MapGroup("/api/errors").WithTags("Dead letters");
        errors.MapGet("/", ListAsync);
        errors.MapGet("/{id}", GetAsync);
        errors.MapPost("/{id}/redrive", RedriveAsync);
        errors.MapPost("/redrive", RedriveMatchingAsync);
    }

    static async Task<IResult> ListAsync(string? queue, string? messageType, string? sagaId, string? limit, IDeadLetters deadLetters, CancellationToken cancellationToken)
    {
        var (query, problem) = Query(queue, messageType, sagaId, limit);
        if (problem is not null)
            return BadFilter(problem);

        var letters = await deadLetters.ListAsync(query!, cancellationToken);
        return Results.Ok(new DeadLetterList(letters.Select(x => new DeadLetterItem(
            x.Id, x.Queue, x.MessageType, x.ExceptionType, x.Reason, x.FaultedAt, x.CorrelationId, x.SourceAddress)).ToList()));
    }

    static async Task<IResult> GetAsync(string id, IDeadLetters deadLetters, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var messageId) || await deadLetters.FindAsync(messageId, cancellationToken) is not { } x)
            return NotFound(id);

        return Results.Ok(new DeadLetterDetail(x.Id, x.Queue, x.MessageType, x.ExceptionType, x.Reason, x.FaultedAt, x.CorrelationId, x.SourceAddress,
            x.Headers, x.Body, x.StackTrace, x.InputAddress));
    }

    static async Task<IResult> RedriveAsync(string id, IDeadLetters deadLetters, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var messageId) || !await deadLetters.RedriveAsync(messageId, cancellationToken))
            return NotFound(id);
        return Results.Accepted(value: new { id = messageId, redriven = true });
    }

    static async Task<IResult> RedriveMatchingAsync(RedriveRequest? request, IDeadLetters deadLetters, CancellationToken cancellationToken)
    {
        if (request is null)
            return BadFilter("The body must be a JSON object: { queue?, messageType?, sagaId?, limit?, dryRun }");

        var (query, problem) = Query(request.Queue, request.MessageType, request.SagaId, request.Limit?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (problem is not null)
            return BadFilter(problem);

        var outcome = await deadLetters.RedriveAsync(query!, request.DryRun, cancellationToken);
        return Results.Ok(new { matched = outcome.Matched, applied = outcome.Applied, dryRun = outcome.DryRun });
    }

    static (DeadLetterQuery? Query, string? Problem) Query(string? queue, string? messageType, string? sagaId, string? limit)
    {
        Guid? saga = null;
        if (!string.IsNullOrEmpty(sagaId))
        {
            if (!Guid.TryParse(sagaId, out var parsed))
                return (null, $"sagaId '{sagaId}' is not a GUID");
            saga = parsed;
        }

        var count = DeadLetterQuery.DefaultLimit;
        if (!string.IsNullOrEmpty(limit) && !int.TryParse(limit, out count))
            return (null, $"limit '{limit}' is not a whole number");

        var query = new DeadLetterQuery(Blank(queue), Blank(messageType), saga, count);
        return query.Problem() is { } problem ? (null, problem) : (query, null);
    }

    static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    static IResult BadFilter(string problem) => Results.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "Invalid dead-letter filter");

    static IResult NotFound(string id) => Results.Problem($"No dead letter {id}", statusCode: StatusCodes.Status404NotFound, title: "Dead letter not found");
}
