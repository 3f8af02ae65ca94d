using System.Text.Json;
using System.Text.Json.Nodes;
using Sagas.Durability.Outbox;
using Sagas.Orchestrator.Data;

namespace Sagas.Orchestrator.Sagas;

/// <summary>
/// <c>POST /api/sagas/{id}/signals/{name}</c>: sends any registered signal to a running saga. The
/// message is published through the outbox, as any other service could publish it on the bus.
/// </summary>
public static class SignalEndpoints
{
    public static IEndpointRouteBuilder MapSignalEndpoints(this IEndpointRouteBuilder app)
    {
        var catalog = new SignalCatalog(app.ServiceProvider, typeof(SignalEndpoints).Assembly);
        app.MapPost("/api/sagas/{id:guid}/signals/{name}",
                (Guid id, string name, HttpRequest request, SagasDbContext db, BusOutbox<SagasDbContext> outbox, CancellationToken cancellationToken) =>
                    SendAsync(catalog, id, name, request, db, outbox, cancellationToken))
            .WithTags("Sagas");
        return app;
    }

    static async Task<IResult> SendAsync(SignalCatalog catalog, Guid id, string name, HttpRequest request, SagasDbContext db,
        BusOutbox<SagasDbContext> outbox, CancellationToken cancellationToken)
    {
        if (catalog.Find(name) is not { } signal)
            return Results.Problem($"Unknown signal '{name}'; known: {string.Join(", ", catalog.Names)}", statusCode: StatusCodes.Status400BadRequest, title: "Unknown signal");

        var message = await ReadMessageAsync(request, signal, id, cancellationToken);
        if (message.Problem is { } problem)
            return Results.Problem(problem, statusCode: StatusCodes.Status400BadRequest, title: "Invalid signal body");

        string? state = null;
        SignalTarget? target = null;
        foreach (var candidate in signal.Targets)
        {
            state = await candidate.LoadStateAsync(db, id, cancellationToken);
            if (state is not null)
            {
                target = candidate;
                break;
            }
        }

        if (target is null)
            return Results.Problem($"No saga {id} accepts '{signal.Name}'", statusCode: StatusCodes.Status404NotFound);
        // The saga ignores a late signal anyway; saying so here tells the caller it had no effect.
        if (target.TerminalStates.Contains(state!))
            return Results.Problem($"{target.SagaType} {id} has already ended in {state}; '{signal.Name}' would change nothing",
                statusCode: StatusCodes.Status409Conflict, title: "Saga has ended");

        await outbox.PublishEndpoint.Publish(message.Value!, signal.MessageType, cancellationToken);
        await outbox.SaveChangesAsync(cancellationToken);
        return Results.Accepted(value: new { sagaId = id, signal = signal.MessageType.Name });
    }

    static async Task<(object? Value, string? Problem)> ReadMessageAsync(HttpRequest request, Signal signal, Guid id, CancellationToken cancellationToken)
    {
        JsonObject body;
        try
        {
            var node = request.ContentLength == 0 ? new JsonObject() : await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
            if (node is not JsonObject json)
                return (null, "The body must be a JSON object");
            body = json;
        }
        catch (JsonException exception)
        {
            return (null, $"The body is not valid JSON: {exception.Message}");
        }

        // The route names the saga; an id in the body, whatever its casing, must not point elsewhere.
        foreach (var key in body.Select(x => x.Key).Where(k => k.Equals(signal.IdProperty.Name, StringComparison.OrdinalIgnoreCase)).ToList())
            body.Remove(key);
        body[JsonNamingPolicy.CamelCase.ConvertName(signal.IdProperty.Name)] = id;

        try
        {
            return (body.Deserialize(signal.MessageType, JsonSerializerOptions.Web), null);
        }
        catch (JsonException exception)
        {
            return (null, $"The body does not fit {signal.MessageType.Name}: {exception.Message}");
        }
    }
}
