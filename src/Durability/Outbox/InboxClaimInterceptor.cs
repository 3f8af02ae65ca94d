using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Sagas.Durability.Storage;

namespace Sagas.Durability.Outbox;

/// <summary>
/// PostgreSQL: a saga message's inbox claim travels in front of the saga's row lock, one round
/// trip instead of two. Only a query tagged <see cref="Tag"/> carries it, so a consumer never runs
/// before its claim: the saga's load is what the state machine waits on anyway.
/// </summary>
sealed class InboxClaimInterceptor : DbCommandInterceptor
{
    public const string Tag = "carries the inbox claim";

    public static readonly InboxClaimInterceptor Instance = new();

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Attach(command, eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Attach(command, eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Read(eventData.Context, result);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result,
        CancellationToken cancellationToken = default)
    {
        Read(eventData.Context, result);
        return ValueTask.FromResult(result);
    }

    static void Attach(DbCommand command, DbContext? context)
    {
        if (context is DurableDbContext { PendingInboxClaim: { Claimed: null, Riding: false } claim }
            && command.CommandText.StartsWith("-- " + Tag, StringComparison.Ordinal))
            claim.RideWith(command);
    }

    /// <summary>
    /// The insert ran first, so by the time the reader stands on the saga's row its count is in;
    /// a SELECT adds nothing to <see cref="DbDataReader.RecordsAffected"/>.
    /// </summary>
    static void Read(DbContext? context, DbDataReader reader)
    {
        if (context is DurableDbContext { PendingInboxClaim: { Riding: true } claim })
            claim.Completed(reader.RecordsAffected);
    }
}
