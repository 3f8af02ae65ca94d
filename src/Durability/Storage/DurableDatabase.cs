using System.Linq.Expressions;
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
    /// Ends a subquery that claims rows: on PostgreSQL rows another transaction holds are skipped, so
    /// several processes claim in parallel; SQLite has one writer and needs nothing.
    /// </summary>
    public string SkipLocked => IsPostgres ? " FOR UPDATE SKIP LOCKED" : "";

    /// <summary>
    /// Reads one row for a write later in the same transaction. PostgreSQL holds a row lock until
    /// commit; SQLite writers are serialized by <see cref="WriteGate"/> and version columns catch the rest.
    /// </summary>
    public IQueryable<TEntity> ForUpdate<TEntity, TKey>(DbContext db, string keyProperty, TKey key)
        where TEntity : class
    {
        if (!IsPostgres)
        {
            var row = Expression.Parameter(typeof(TEntity), "row");
            Expression<Func<TKey>> captured = () => key;
            var matches = Expression.Equal(
                Expression.Call(typeof(EF), nameof(EF.Property), [typeof(TKey)], row, Expression.Constant(keyProperty)),
                captured.Body);
            return db.Set<TEntity>().Where(Expression.Lambda<Func<TEntity, bool>>(matches, row));
        }

        var entity = db.Model.FindEntityType(typeof(TEntity))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var column = entity.FindProperty(keyProperty)!.GetColumnName(table);
        // Table and column names come from the EF model, never from input.
#pragma warning disable EF1002
        return db.Set<TEntity>().FromSqlRaw($"SELECT * FROM \"{table.Name}\" WHERE \"{column}\" = {{0}} FOR UPDATE", key!);
#pragma warning restore EF1002
    }

    /// <summary>
    /// Takes the oldest rows whose lease ran out and renews it to <paramref name="leaseUntil"/>, in
    /// one statement. On PostgreSQL rows another sweep holds are skipped, so sweeps run in parallel.
    /// </summary>
    public IQueryable<OutboxMessage> ClaimOutboxBatch(DbContext db, DateTime now, DateTime leaseUntil, int size)
    {
        // Table and column names are ours, never input.
#pragma warning disable EF1002
        return db.Set<OutboxMessage>().FromSqlRaw($$"""
            UPDATE outbox_messages SET locked_until = {1}
            WHERE sequence_number IN (SELECT sequence_number FROM outbox_messages
                WHERE delivered_at IS NULL AND locked_until <= {0} ORDER BY sequence_number LIMIT {2}{{SkipLocked}})
            RETURNING *
            """, now, leaseUntil, size);
#pragma warning restore EF1002
    }
}
