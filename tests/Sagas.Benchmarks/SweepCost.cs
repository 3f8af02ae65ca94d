using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;
using Sagas.Durability.Activities;
using Sagas.Durability.Storage;
using Sagas.Orchestrator.Data;
using Sagas.Orchestrator.Workflows.Transfers;

namespace Sagas.Benchmarks;

/// <summary>
/// What the step-deadline sweeper's once-a-second look at transfer_sagas costs PostgreSQL. Its
/// partial index on step_deadline holds only sagas waiting on a step, so the look should cost the
/// same with a million finished transfers as with none; this measures it. pg_stat_statements would
/// give the sweeper's own figures, but it needs a server restart to load, so its statement is timed
/// here instead, with EXPLAIN ANALYZE in a transaction that is rolled back.
/// </summary>
public static class SweepCost
{
    const int WarmUps = 2;
    const int Repetitions = 20;

    public static async Task PrintAsync(RealStack stack, IServiceProvider services, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<IOptions<StepDeadlineOptions>>().Value;
        // The sweeper's own statement, with its EF-style placeholders as PostgreSQL's positional ones.
        string claim;
        await using (var scope = services.CreateAsyncScope())
        {
            var model = scope.ServiceProvider.GetRequiredService<SagasDbContext>().Model;
            claim = StepDeadlineSweeper<SagasDbContext>.ClaimSql(model.FindEntityType(typeof(TransferState))!, services.GetRequiredService<DurableDatabase>())
                .Replace("{0}", "$1").Replace("{1}", "$2");
        }

        await using var connection = new NpgsqlConnection(stack.Postgres);
        await connection.OpenAsync(cancellationToken);

        var samples = new List<(double Planning, double Execution, double RoundTrip, long Buffers, string Scan)>();
        for (var i = -WarmUps; i < Repetitions; i++)
        {
            // Rolled back: a deadline that happens to be due stays for the real sweeper.
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await using var explain = new NpgsqlCommand($"EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) {claim}", connection, transaction);
            explain.Parameters.Add(new NpgsqlParameter { Value = DateTime.UtcNow });
            explain.Parameters.Add(new NpgsqlParameter { Value = options.BatchSize });
            var timer = Stopwatch.StartNew();
            var json = (string)(await explain.ExecuteScalarAsync(cancellationToken))!;
            var roundTrip = timer.Elapsed.TotalMilliseconds;
            await transaction.RollbackAsync(cancellationToken);
            if (i >= 0)
                samples.Add(Read(json, roundTrip));
        }

        var execution = samples.Select(s => s.Execution).Order().ToArray();
        var planning = samples.Select(s => s.Planning).Order().ToArray();
        var roundTrips = samples.Select(s => s.RoundTrip).Order().ToArray();
        Console.WriteLine($"sweep       step-deadline claim on transfer_sagas (EXPLAIN ANALYZE, {Repetitions} times after {WarmUps}): " +
                          $"execution p50 {Median(execution):0.000} ms, max {execution[^1]:0.000} ms; planning p50 {Median(planning):0.000} ms; " +
                          $"client round trip p50 {Median(roundTrips):0.00} ms; at most {samples.Max(s => s.Buffers)} shared buffers");
        Console.WriteLine($"sweep       plan: {samples[^1].Scan}; {await StatStatementsAsync(connection, cancellationToken)}");
    }

    static (double Planning, double Execution, double RoundTrip, long Buffers, string Scan) Read(string json, double roundTrip)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement[0];
        var plan = root.GetProperty("Plan");
        return (root.GetProperty("Planning Time").GetDouble(), root.GetProperty("Execution Time").GetDouble(), roundTrip,
            plan.GetProperty("Shared Hit Blocks").GetInt64() + plan.GetProperty("Shared Read Blocks").GetInt64(), string.Join(" + ", Scans(plan).Distinct()));
    }

    /// <summary>How the statement reaches rows: the partial index for due deadlines, unless the planner chose otherwise.</summary>
    static IEnumerable<string> Scans(JsonElement node)
    {
        if (node.TryGetProperty("Relation Name", out var relation) && node.GetProperty("Node Type").GetString() is { } type && type.Contains("Scan", StringComparison.Ordinal))
            yield return node.TryGetProperty("Index Name", out var index) ? $"{type} using {index.GetString()}" : $"{type} on {relation.GetString()}";

        if (node.TryGetProperty("Plans", out var children))
        {
            foreach (var scan in children.EnumerateArray().SelectMany(Scans))
                yield return scan;
        }
    }

    static double Median(double[] sorted) => sorted[Math.Max(0, (int)Math.Ceiling(0.5 * sorted.Length) - 1)];

    /// <summary>The sweeper's own calls over the run, when the extension happens to be there; it is not installed for this.</summary>
    static async Task<string> StatStatementsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var loaded = new NpgsqlCommand("SELECT current_setting('shared_preload_libraries') LIKE '%pg_stat_statements%' " +
                                                   "AND EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements')", connection);
        if (!(bool)(await loaded.ExecuteScalarAsync(cancellationToken))!)
            return "pg_stat_statements is not loaded, so no figures of the sweeper's own calls";

        await using var command = new NpgsqlCommand("""
            SELECT sum(calls)::bigint, sum(total_exec_time) / sum(calls), max(max_exec_time) FROM pg_stat_statements
            WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query LIKE 'UPDATE "transfer_sagas" SET "step_deadline" = NULL%'
            HAVING sum(calls) > 0
            """, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? $"pg_stat_statements: the sweeper's claim on transfer_sagas ran {reader.GetInt64(0)} times, mean {reader.GetDouble(1):0.000} ms, max {reader.GetDouble(2):0.000} ms"
            : "pg_stat_statements: no call of the sweeper's claim on transfer_sagas recorded";
    }
}
