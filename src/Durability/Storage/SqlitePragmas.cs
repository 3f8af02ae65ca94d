using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Sagas.Durability.Storage;

/// <summary>
/// WAL lets readers run beside the writer; NORMAL sync is still durable across a process crash
/// in WAL mode, and only a power loss can drop the last commits.
/// </summary>
sealed class SqlitePragmas : DbConnectionInterceptor
{
    const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    static void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }
}
