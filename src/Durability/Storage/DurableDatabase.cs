using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Sagas.Durability.Outbox;

namespace Sagas.Durability.Storage;

/// <summary>What differs between the databases: how rows are locked, and who may write when.</summary>
public sealed class DurableDatabase(DatabaseProvider provider)
{
    public DatabaseProvider Provider { get; } = provider;

    public WriteGate WriteGate { get; } = new(provider);

    bool IsPostgres => Provider == DatabaseProvider.Postgres;

    /// <summary>
    /// Reads the saga row for the consume transaction. PostgreSQL holds a row lock until commit;
    /// SQLite writers are serialized already and the version column catches anything else.
    /// </summary>
    public IQueryable<TSaga> LoadForUpdate<TSaga>(DbContext db, Guid correlationId)
        where TSaga : class, MassTransit.ISaga
    {
        if (!IsPostgres)
            return db.Set<TSaga>().Where(x => x.CorrelationId == correlationId);

        var entity = db.Model.FindEntityType(typeof(TSaga))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var key = entity.FindProperty(nameof(MassTransit.ISaga.CorrelationId))!.GetColumnName(table);
        // Table and column names come from the EF model, never from input.
#pragma warning disable EF1002
        return db.Set<TSaga>().FromSqlRaw($"SELECT * FROM \"{table.Name}\" WHERE \"{key}\" = {{0}} FOR UPDATE", correlationId);
#pragma warning restore EF1002
    }

    /// <summary>
    /// The oldest undelivered messages. On PostgreSQL rows another sweeper holds are skipped, so
    /// several sweepers deliver in parallel.
    /// </summary>
    public IQueryable<OutboxMessage> NextOutboxBatch(DbContext db, int size)
    {
        if (!IsPostgres)
            return db.Set<OutboxMessage>().OrderBy(x => x.SequenceNumber).Take(size);

        return db.Set<OutboxMessage>().FromSqlRaw(
            "SELECT * FROM outbox_messages ORDER BY sequence_number LIMIT {0} FOR UPDATE SKIP LOCKED", size);
    }
}
