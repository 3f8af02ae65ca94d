using System.Diagnostics;
using Npgsql;
using Sagas.Orchestrator.Workflows.Transfers;

namespace Sagas.Benchmarks;

/// <summary>
/// Finished transfers written straight into PostgreSQL, so that the burst, the list API and the
/// deadline sweep run against tables the size of a system that has been up for a while. Each looks
/// like what a real transfer leaves: its saga row in Completed (about 5% Refunded, their deposit to a
/// closed account), its saga_history rows, its ledger entries and rejection, and accounts whose
/// balances agree with those entries. They are told apart from the run's own rows twice over: their
/// accounts start with <see cref="AccountPrefix"/>, and they are dated in the 30 days before the
/// orchestrator started, which is what the benchmark's queries filter on.
/// </summary>
public static class Preload
{
    public const string AccountPrefix = "preload-";

    /// <summary>Each account sends and receives about this many transfers, as an active customer's would.</summary>
    const int TransfersPerAccount = 100;

    const decimal OpeningBalance = 1_000_000m;

    static readonly string[] Tables = ["transfer_sagas", "saga_history", "ledger_entries", "ledger_rejections", "accounts"];

    public static string AccountId(int number) => $"{AccountPrefix}{number:D6}";

    /// <summary>The accounts preloading <paramref name="transfers"/> spreads them over.</summary>
    public static int Accounts(int transfers) => Math.Max(2, transfers / TransfersPerAccount);

    /// <param name="before">Every row is dated at least a minute before this, so none passes for the run's own.</param>
    public static async Task RunAsync(RealStack stack, int transfers, DateTime before, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(stack.Postgres);
        await connection.OpenAsync(cancellationToken);
        var timer = Stopwatch.StartNew();
        var indexes = await DropIndexesAsync(connection, cancellationToken);
        var rows = new Dictionary<string, long>();
        foreach (var (table, sql) in Statements)
        {
            await using var command = Command(connection, sql);
            command.Parameters.AddWithValue("prefix", AccountPrefix);
            command.Parameters.AddWithValue("accounts", Accounts(transfers));
            command.Parameters.AddWithValue("transfers", transfers);
            command.Parameters.AddWithValue("before", before.AddMinutes(-1));
            command.Parameters.AddWithValue("saga_type", nameof(TransferState));
            command.Parameters.AddWithValue("opening", OpeningBalance);
            var affected = await command.ExecuteNonQueryAsync(cancellationToken);
            if (table is not null)
                rows[table] = rows.GetValueOrDefault(table) + affected;
        }

        foreach (var index in indexes)
        {
            await using var create = Command(connection, index);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        var inserted = timer.Elapsed;
        // VACUUM rather than only ANALYZE: it also sets the hint bits and the visibility map, which the
        // first readers, or an autovacuum woken by a million inserts, would otherwise do during the burst.
        await using (var vacuum = Command(connection, $"VACUUM (ANALYZE) {string.Join(", ", Tables)}"))
            await vacuum.ExecuteNonQueryAsync(cancellationToken);
        var vacuumed = timer.Elapsed - inserted;

        await using var refunded = Command(connection, "SELECT count(*) FROM transfer_sagas WHERE current_state = 'Refunded'");
        Console.WriteLine($"preload     {transfers} finished transfers ({await refunded.ExecuteScalarAsync(cancellationToken)} Refunded) " +
                          $"over {Accounts(transfers)} accounts inserted and indexed in {inserted.TotalSeconds:0.0} s, VACUUM ANALYZE {vacuumed.TotalSeconds:0.0} s");

        await using var sizes = Command(connection, "SELECT relname, pg_total_relation_size(oid) FROM pg_class WHERE relname = ANY(@tables) AND relkind = 'r'");
        sizes.Parameters.AddWithValue("tables", Tables);
        var bytes = new Dictionary<string, long>();
        await using (var reader = await sizes.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                bytes[reader.GetString(0)] = reader.GetInt64(1);
        }

        Console.WriteLine($"preload     {string.Join(", ", Tables.Select(t => $"{t} {rows.GetValueOrDefault(t)} rows {bytes.GetValueOrDefault(t) / 1048576.0:0} MB"))} (with indexes)");
    }

    /// <summary>
    /// Drops the secondary indexes of the tables and returns the statements that build them again:
    /// one sort per index after the inserts is several times faster than a million random inserts
    /// into each. The database is the run's own and the definitions come from PostgreSQL, so they
    /// come back exactly. Primary keys stay, fed in key order; so do partial indexes, which hold
    /// none of these rows and which the step-deadline sweeper uses meanwhile.
    /// </summary>
    static async Task<List<string>> DropIndexesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var find = Command(connection, """
            SELECT quote_ident(c.relname), pg_get_indexdef(c.oid) FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid
            WHERE x.indrelid = ANY(@tables::regclass[]) AND NOT x.indisprimary AND x.indpred IS NULL
            """);
        find.Parameters.AddWithValue("tables", Tables);
        var indexes = new List<(string Name, string Definition)>();
        await using (var reader = await find.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                indexes.Add((reader.GetString(0), reader.GetString(1)));
        }

        if (indexes.Count > 0)
        {
            await using var drop = Command(connection, $"DROP INDEX {string.Join(", ", indexes.Select(i => i.Name))}");
            await drop.ExecuteNonQueryAsync(cancellationToken);
        }

        return indexes.Select(i => i.Definition).ToList();
    }

    static NpgsqlCommand Command(NpgsqlConnection connection, string sql) =>
        // A million rows take longer than Npgsql's 30 s default.
        new(sql, connection) { CommandTimeout = 0 };

    /// <summary>
    /// In order: each statement after the saga rows' derives its rows from them, so ids, amounts,
    /// accounts and times agree. The saga rows go in sorted by their random ids, so their primary key
    /// is filled in order, and the history, read back in that order, fills its own in order too.
    /// </summary>
    static readonly (string? Table, string Sql)[] Statements =
    [
        // For the sort of the saga rows and, once they are in, of each index built again.
        (null, "SET work_mem = '256MB'; SET maintenance_work_mem = '512MB'"),
        ("accounts", "INSERT INTO accounts (id, balance, version) SELECT @prefix || lpad(n::text, 6, '0'), 0, 0 FROM generate_series(1, @accounts) n"),
        ("transfer_sagas", """
            INSERT INTO transfer_sagas (correlation_id, current_state, created_at, updated_at, completed_at, version, history_count,
                from_account, to_account, amount, failure_reason, current_step, step_attempt, step_deadline, compensations, compensated_state)
            SELECT id, CASE WHEN refunded THEN 'Refunded' ELSE 'Completed' END,
                created, created + took + CASE WHEN refunded THEN interval '50 milliseconds' ELSE interval '0' END, created + took,
                CASE WHEN refunded THEN 3 ELSE 2 END, CASE WHEN refunded THEN 5 ELSE 3 END,
                @prefix || lpad(from_n::text, 6, '0'),
                @prefix || CASE WHEN refunded THEN 'closed-' ELSE '' END || lpad(to_n::text, 6, '0'),
                amount, CASE WHEN refunded THEN 'AccountNotFound' END, NULL, 1, NULL, '[]', CASE WHEN refunded THEN 'Refunded' END
            FROM (
                SELECT gen_random_uuid() AS id, random() < 0.05 AS refunded,
                    @before - random() * interval '30 days' AS created,
                    interval '200 milliseconds' + random() * interval '3 seconds' AS took,
                    from_n, 1 + (from_n + floor(random() * (@accounts - 1))::int) % @accounts AS to_n,
                    (1 + floor(random() * 999))::numeric(18, 2) AS amount
                FROM (SELECT 1 + floor(random() * @accounts)::int AS from_n FROM generate_series(1, @transfers)) g
                ORDER BY id) t
            """),
        // What a real transfer writes to saga_history, one row per transition and per event handled.
        ("saga_history", """
            INSERT INTO saga_history (correlation_id, sequence_number, saga_type, event_name, from_state, to_state, occurred_at, message_id)
            SELECT s.correlation_id, h.seq, @saga_type, h.event_name, h.from_state, h.to_state,
                s.created_at + (s.updated_at - s.created_at) * h.at, gen_random_uuid()
            FROM transfer_sagas s
            JOIN (VALUES
                ('Completed', 1, 'StartTransfer', 'Initial', 'Withdrawing', 0.0),
                ('Completed', 2, 'WithdrawCompleted', 'Withdrawing', 'Depositing', 0.5),
                ('Completed', 3, 'DepositCompleted', 'Depositing', 'Completed', 1.0),
                ('Refunded', 1, 'StartTransfer', 'Initial', 'Withdrawing', 0.0),
                ('Refunded', 2, 'WithdrawCompleted', 'Withdrawing', 'Depositing', 0.4),
                ('Refunded', 3, 'DepositRejected', 'Depositing', 'Compensating', 0.7),
                ('Refunded', 4, 'Refunded.Enter', 'Compensating', 'Refunded', 0.98),
                ('Refunded', 5, 'CompensationCompleted', 'Refunded', 'Refunded', 1.0)
            ) AS h(state, seq, event_name, from_state, to_state, at) ON h.state = s.current_state
            WHERE s.from_account LIKE @prefix || '%'
            """),
        // Balanced pairs: a deposit takes from one preloaded account what it gives another, a refund gives back what its withdrawal took.
        ("ledger_entries", """
            INSERT INTO ledger_entries (reference_id, account_id, amount, created_at)
            SELECT s.correlation_id::text || e.suffix, CASE WHEN e.payee THEN s.to_account ELSE s.from_account END, e.sign * s.amount,
                s.created_at + (s.completed_at - s.created_at) * e.at
            FROM transfer_sagas s
            JOIN (VALUES
                ('Completed', '-withdraw', false, -1, 0.3),
                ('Completed', '-deposit', true, 1, 0.8),
                ('Refunded', '-withdraw', false, -1, 0.3),
                ('Refunded', '-refund', false, 1, 0.9)
            ) AS e(state, suffix, payee, sign, at) ON e.state = s.current_state
            WHERE s.from_account LIKE @prefix || '%'
            """),
        ("ledger_rejections", """
            INSERT INTO ledger_rejections (reference_id, account_id, reason, created_at)
            SELECT correlation_id::text || '-deposit', to_account, 'AccountNotFound', created_at + (completed_at - created_at) * 0.6
            FROM transfer_sagas
            WHERE current_state = 'Refunded' AND from_account LIKE @prefix || '%'
            ORDER BY 1
            """),
        (null, """
            UPDATE accounts a SET balance = @opening + m.net, version = m.moves
            FROM (SELECT account_id, sum(amount) AS net, count(*)::int AS moves FROM ledger_entries
                  WHERE account_id LIKE @prefix || '%' GROUP BY account_id) m
            WHERE a.id = m.account_id
            """),
    ];
}
