using System.Diagnostics;
using System.Text.Json;
using Npgsql;

namespace Sagas.Benchmarks;

/// <summary>
/// What the measured phase cost per transfer: PostgreSQL transactions and broker publishes (real
/// mode), CPU of every process involved, and the peak memory of the .NET ones. A counter that cannot
/// be read prints n/a; the run does not fail for it. The server processes are measured whole, so
/// anything else using the same PostgreSQL or RabbitMQ at the time counts too.
/// </summary>
public sealed class CostCounters
{
    static readonly string[] Postgres = ["postgres"];
    static readonly string[] RabbitMq = ["beam.smp", "erl_child_setup", "epmd"];

    // A backend flushes its transaction counts at most once a second and, once idle, only after
    // PGSTAT_IDLE_INTERVAL (10 s); until then pg_stat_database misses its last commits.
    static readonly TimeSpan PostgresFlush = TimeSpan.FromSeconds(11);

    // The management API refreshes its figures every collect_statistics_interval (5 s by default).
    static readonly TimeSpan BrokerRefresh = TimeSpan.FromSeconds(6);
    static readonly TimeSpan BrokerMaxWait = TimeSpan.FromSeconds(10);

    readonly RealStack? _real;
    readonly List<(string Name, Func<double?> Read)> _cpu = [];
    readonly ServerCounts _before;
    double?[] _cpuBefore = [];
    double?[] _cpuAfter = [];
    long _endedAt;

    CostCounters(RealStack? real, ServerCounts before)
    {
        _real = real;
        _before = before;
        _cpu.Add(("orchestrator", () => ProcessCpu.Seconds(Environment.ProcessId)));
        if (real?.WorkerProcessId is { } worker)
            _cpu.Add(("worker", () => ProcessCpu.Seconds(worker)));
        if (real is not null)
        {
            _cpu.Add(("postgres", () => ProcessCpu.GroupSeconds(Postgres)));
            _cpu.Add(("rabbitmq", () => ProcessCpu.GroupSeconds(RabbitMq)));
        }
    }

    /// <summary>
    /// Right before the measured phase. In real mode it first lets the counters take in the warm-up
    /// and start-up (up to 11 s), so that their late figures are not charged to the measured transfers.
    /// </summary>
    public static async Task<CostCounters> StartAsync(RealStack? real, CancellationToken cancellationToken)
    {
        var before = real is null ? ServerCounts.None : await ServerCounts.SettledAsync(real, Stopwatch.GetTimestamp(), cancellationToken);
        var counters = new CostCounters(real, before);
        counters._cpuBefore = counters._cpu.Select(c => c.Read()).ToArray();
        return counters;
    }

    /// <summary>Right after the measured phase: CPU stops here, before the idle wait for the server counters.</summary>
    public void Stop()
    {
        _cpuAfter = _cpu.Select(c => c.Read()).ToArray();
        _endedAt = Stopwatch.GetTimestamp();
    }

    public async Task PrintAsync(int transfers, CancellationToken cancellationToken)
    {
        if (_real is not null)
        {
            // The idle wait adds the services' own polling (outbox, scheduler) and this driver's to the commits: a few per second.
            var after = await ServerCounts.SettledAsync(_real, _endedAt, cancellationToken);
            Console.WriteLine($"cost        PostgreSQL {PerTransfer(after.Commits - _before.Commits, transfers, "commits")}, " +
                              $"{PerTransfer(after.Rollbacks - _before.Rollbacks, transfers, "rollbacks")} in database {_real.Database}");
            Console.WriteLine($"cost        RabbitMQ {PerTransfer(after.Publishes - _before.Publishes, transfers, "publishes")} " +
                              $"in vhost {_real.VirtualHost}, StartTransfer included");
        }

        var milliseconds = _cpuBefore.Zip(_cpuAfter, (before, after) => (after - before) * 1000 / transfers).ToArray();
        var total = milliseconds.Any(ms => ms is not null) ? milliseconds.Sum(ms => ms ?? 0) : (double?)null;
        var parts = _cpu.Select((c, i) => $"{c.Name} {Format(milliseconds[i], "0.00")}")
            .Append($"total {Format(total, "0.00")}{(milliseconds.Any(ms => ms is null) ? " (of those read)" : "")}");
        Console.WriteLine($"cost        CPU ms/transfer: {string.Join(", ", parts)}");

        var rss = new List<string> { $"orchestrator {Format(ProcessCpu.PeakRssMegabytes(Environment.ProcessId), "0")} MB" };
        if (_real?.WorkerProcessId is { } worker)
            rss.Add($"worker {Format(ProcessCpu.PeakRssMegabytes(worker), "0")} MB");
        Console.WriteLine($"cost        peak RSS: {string.Join(", ", rss)}");
    }

    static string PerTransfer(long? delta, int transfers, string what) =>
        delta is { } d ? $"{(double)d / transfers:0.00} {what}/transfer ({d})" : $"n/a {what}/transfer";

    static string Format(double? value, string format) => value?.ToString(format) ?? "n/a";

    /// <summary>The bench database's transaction counts and the bench vhost's publishes, null where unreadable.</summary>
    sealed record ServerCounts(long? Commits, long? Rollbacks, long? Publishes)
    {
        public static readonly ServerCounts None = new(null, null, null);

        /// <summary>Once PostgreSQL has flushed what happened before <paramref name="since"/> and the broker's counter has stopped moving.</summary>
        public static async Task<ServerCounts> SettledAsync(RealStack real, long since, CancellationToken cancellationToken)
        {
            var publishes = SettledPublishesAsync(real.VirtualHost, cancellationToken);
            var flushed = PostgresFlush - Stopwatch.GetElapsedTime(since);
            if (flushed > TimeSpan.Zero)
                await Task.Delay(flushed, cancellationToken);
            var (commits, rollbacks) = await TransactionsAsync(real.Database, cancellationToken);
            return new ServerCounts(commits, rollbacks, await publishes);
        }

        static async Task<(long?, long?)> TransactionsAsync(string database, CancellationToken cancellationToken)
        {
            try
            {
                await using var connection = new NpgsqlConnection(RealStack.AdminConnectionString);
                await connection.OpenAsync(cancellationToken);
                await using var command = new NpgsqlCommand("SELECT xact_commit, xact_rollback FROM pg_stat_database WHERE datname = @database", connection);
                command.Parameters.AddWithValue("database", database);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                return await reader.ReadAsync(cancellationToken) ? (reader.GetInt64(0), reader.GetInt64(1)) : (null, null);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Console.Error.WriteLine($"cost: pg_stat_database not read: {exception.Message}");
                return (null, null);
            }
        }

        /// <summary>Read until it has not changed for longer than one refresh of the statistics, or for at most 10 s.</summary>
        static async Task<long?> SettledPublishesAsync(string vhost, CancellationToken cancellationToken)
        {
            var timer = Stopwatch.StartNew();
            var (value, changedAt) = (await PublishesAsync(vhost, cancellationToken), TimeSpan.Zero);
            while (value is not null && timer.Elapsed - changedAt < BrokerRefresh && timer.Elapsed < BrokerMaxWait)
            {
                await Task.Delay(500, cancellationToken);
                var next = await PublishesAsync(vhost, cancellationToken);
                if (next != value)
                    (value, changedAt) = (next, timer.Elapsed);
            }

            return value;
        }

        static async Task<long?> PublishesAsync(string vhost, CancellationToken cancellationToken)
        {
            try
            {
                using var http = RealStack.Management();
                using var json = JsonDocument.Parse(await http.GetStringAsync($"api/vhosts/{Uri.EscapeDataString(vhost)}", cancellationToken));
                // A vhost nothing has been published to yet has no publish figure.
                return json.RootElement.TryGetProperty("message_stats", out var stats) && stats.TryGetProperty("publish", out var publish)
                    ? publish.GetInt64()
                    : 0;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Console.Error.WriteLine($"cost: RabbitMQ vhost statistics not read: {exception.Message}");
                return null;
            }
        }
    }
}
