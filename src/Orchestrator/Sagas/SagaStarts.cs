using System.Security.Cryptography;
using System.Text.Json;
using Sagas.Durability.Outbox;
using Sagas.Durability.Sagas;
using Sagas.Durability.Storage;
using Sagas.Orchestrator.Data;

namespace Sagas.Orchestrator.Sagas;

/// <summary>
/// What every POST that starts a saga does. The request is validated; a retry of one already taken
/// (same <c>Idempotency-Key</c>, or same saga id, and the same body) gets the saga it started and
/// the same answer; a different body under a taken key or id is refused. The record of the request
/// and the start message commit together, so a client that retries after a timeout never starts a
/// second saga.
/// </summary>
public sealed class SagaStarts(SagasDbContext db, BusOutbox<SagasDbContext> outbox, DurableDatabase database, TimeProvider clock)
{
    public const string IdempotencyKeyHeader = "Idempotency-Key";

    /// <summary>Set on an answer repeated for a retry, as payment APIs do.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    /// <param name="requestedId">The id the caller chose, if any; otherwise a fresh one.</param>
    /// <param name="command">The start message for a saga id.</param>
    /// <param name="problem">Why the message cannot start a saga (answered 400), or null.</param>
    /// <param name="admit">A further check against the database, answering instead of the start if it refuses.</param>
    public async Task<IResult> StartAsync<TRequest, TCommand>(HttpContext http, StartRoute route, TRequest request, Guid? requestedId,
        Func<Guid, TCommand> command, Func<TCommand, string?> problem, Func<TCommand, CancellationToken, Task<IResult?>>? admit = null)
        where TCommand : class
    {
        var cancellationToken = http.RequestAborted;
        var key = http.Request.Headers[IdempotencyKeyHeader].ToString();
        if (key.Length > StartRequest.MaxIdempotencyKeyLength || key.Any(c => c is < '!' or > '~'))
        {
            return Results.Problem($"{IdempotencyKeyHeader} must be at most {StartRequest.MaxIdempotencyKeyLength} visible ASCII characters",
                statusCode: StatusCodes.Status400BadRequest, title: "Invalid idempotency key");
        }

        var id = requestedId ?? Guid.NewGuid();
        var start = command(id);
        if (problem(start) is { } reason)
            return Results.Problem(reason, statusCode: StatusCodes.Status400BadRequest, title: $"Invalid {route.Noun}");

        var record = new StartRequest
        {
            SagaId = id,
            Route = route.Path,
            IdempotencyKey = key.Length == 0 ? null : key,
            RequestHash = Hash(request),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
        };
        var byId = requestedId is not null;
        var remembered = byId || record.IdempotencyKey is not null;

        // A retry is answered from what is recorded, without a write.
        if (remembered && await record.FindHolderAsync(db, byId, cancellationToken) is { } earlier)
            return Repeat(route, record, earlier, http);

        if (admit is not null && await admit(start, cancellationToken) is { } refusal)
            return refusal;

        await outbox.Publish(start, cancellationToken);
        if (!remembered)
        {
            await outbox.SaveChangesAsync(cancellationToken);
            return Accepted(route, id);
        }

        using (await database.WriteGate.EnterAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (!await record.TryRecordAsync(db, cancellationToken))
            {
                // A concurrent copy committed first.
                await transaction.RollbackAsync(cancellationToken);
                var holder = await record.FindHolderAsync(db, byId, cancellationToken)
                    ?? throw new InvalidOperationException($"The start request for saga {id} was taken and then forgotten");
                return Repeat(route, record, holder, http);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        outbox.Committed();
        return Accepted(route, id);
    }

    static IResult Repeat(StartRoute route, StartRequest request, StartRequest earlier, HttpContext http)
    {
        if (earlier.RequestHash != request.RequestHash)
        {
            return request.IdempotencyKey is not null && earlier.IdempotencyKey == request.IdempotencyKey && earlier.Route == request.Route
                ? Results.Problem($"{IdempotencyKeyHeader} {request.IdempotencyKey} was already used for a different request, which started {route.Noun} {earlier.SagaId}",
                    statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency key reused")
                : Results.Problem($"{route.Noun} {earlier.SagaId} was already started by a different request",
                    statusCode: StatusCodes.Status409Conflict, title: "Already started");
        }

        http.Response.Headers[ReplayedHeader] = "true";
        return Accepted(route, earlier.SagaId);
    }

    static IResult Accepted(StartRoute route, Guid id) =>
        Results.Accepted($"{route.Path}/{id}", new Dictionary<string, Guid> { [route.IdName] = id });

    static string Hash<TRequest>(TRequest request) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(request, JsonSerializerOptions.Web)));
}
