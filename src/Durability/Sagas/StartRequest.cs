using Microsoft.EntityFrameworkCore;

namespace Sagas.Durability.Sagas;

/// <summary>
/// The request that started a saga, kept so that its retry starts nothing new and gets the same
/// saga, while a different request under the same saga id or idempotency key is told so.
/// </summary>
public sealed class StartRequest
{
    const string Insert = "INSERT INTO start_requests (saga_id, route, idempotency_key, request_hash, created_at) "
        + "VALUES ({0}, {1}, {2}, {3}, {4}) ON CONFLICT DO NOTHING";

    public const int MaxIdempotencyKeyLength = 200;

    public Guid SagaId { get; set; }

    /// <summary>The resource it was posted to; an idempotency key is unique within it.</summary>
    public string Route { get; set; } = "";

    public string? IdempotencyKey { get; set; }

    /// <summary>SHA-256 of the request as bound, so formatting and property order do not matter.</summary>
    public string RequestHash { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    /// <summary>
    /// Records this request in the caller's transaction, in one statement; false if its saga id or
    /// key is already recorded. A concurrent copy waits on the first one's uncommitted row and then
    /// finds it taken, so two copies of one request never both start a saga.
    /// </summary>
    public async Task<bool> TryRecordAsync(DbContext db, CancellationToken cancellationToken)
    {
        // EF maps no type for a null value, so the key travels as a parameter of its own.
        await using var command = db.Database.GetDbConnection().CreateCommand();
        var key = command.CreateParameter();
        key.ParameterName = "idempotency_key";
        key.DbType = System.Data.DbType.String;
        key.Value = (object?)IdempotencyKey ?? DBNull.Value;
        return await db.Database.ExecuteSqlRawAsync(Insert, [SagaId, Route, key, RequestHash, CreatedAt], cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>The recorded request holding this one's saga id or idempotency key, if any.</summary>
    public Task<StartRequest?> FindHolderAsync(DbContext db, bool byId, CancellationToken cancellationToken) =>
        db.Set<StartRequest>().AsNoTracking()
            .Where(x => (byId && x.SagaId == SagaId) || (IdempotencyKey != null && x.Route == Route && x.IdempotencyKey == IdempotencyKey))
            .FirstOrDefaultAsync(cancellationToken);
}
