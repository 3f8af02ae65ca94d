using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Sagas.Durability.Storage;

namespace Sagas.Durability.Outbox;

/// <summary>
/// One message's claim in the inbox: a single <c>INSERT … ON CONFLICT DO NOTHING</c>. Inserted
/// means this transaction owns the message; nothing inserted means another one consumed it. A
/// concurrent copy waits on the first one's uncommitted row and finds it taken once that commits
/// (or claims it, if that rolled back), so two copies never both run the consumer.
/// </summary>
public sealed class InboxClaim(Guid messageId, Guid consumerId, DateTime consumedAt)
{
    const string Insert = "INSERT INTO inbox_messages (message_id, consumer_id, consumed_at) VALUES ({0}, {1}, {2}) ON CONFLICT DO NOTHING";

    /// <summary>The message claimed: its original id, the same for every copy and redelivery of it.</summary>
    public Guid MessageId => messageId;

    /// <summary>Null until the insert ran; then whether it inserted the row.</summary>
    public bool? Claimed { get; private set; }

    /// <summary>Put in front of another statement, whose reader reports the insert's row count.</summary>
    internal bool Riding { get; private set; }

    /// <summary>The inbox key of something that is not a MassTransit consumer (the scheduler's parts), the same in every process.</summary>
    public static Guid ConsumerIdOf(string name) => new(SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 16));

    /// <summary>
    /// Claims outside any consumer's transaction, in a statement of its own; on SQLite through the
    /// write gate, like every other writer.
    /// </summary>
    public static async Task<bool> ClaimAloneAsync(DbContext db, DurableDatabase database, Guid messageId, Guid consumerId, DateTime consumedAt, CancellationToken cancellationToken)
    {
        using (await database.WriteGate.EnterAsync(cancellationToken).ConfigureAwait(false))
            return await new InboxClaim(messageId, consumerId, consumedAt).RunAsync(db, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Claims on its own, in one statement.</summary>
    public async Task<bool> RunAsync(DbContext db, CancellationToken cancellationToken)
    {
        // EF maps the values as it maps the inbox's columns (a Guid is text on SQLite).
        Completed(await db.Database.ExecuteSqlRawAsync(Insert, [messageId, consumerId, consumedAt], cancellationToken).ConfigureAwait(false));
        return Claimed!.Value;
    }

    /// <summary>Puts the insert in front of <paramref name="command"/>, so both travel in one round trip.</summary>
    internal void RideWith(DbCommand command)
    {
        command.CommandText = string.Format(Insert, "@inbox_message_id", "@inbox_consumer_id", "@inbox_consumed_at") + ";\n" + command.CommandText;
        Add(command, "inbox_message_id", messageId);
        Add(command, "inbox_consumer_id", consumerId);
        Add(command, "inbox_consumed_at", consumedAt);
        Riding = true;
    }

    internal void Completed(int inserted)
    {
        Claimed = inserted == 1;
        Riding = false;
    }

    static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
