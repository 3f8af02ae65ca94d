using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Npgsql;

namespace Sagas.Benchmarks;

/// <summary>
/// PostgreSQL and RabbitMQ as scripts/services.sh runs them, on a fresh database and virtual host
/// that are dropped afterwards; the activities run in one separate worker process, or with
/// <c>--one-process</c> in the orchestrator itself.
/// </summary>
public sealed class RealStack : IBenchmarkStack
{
    static readonly string[] WorkerQueues = ["withdraw", "deposit", "refund"];

    static string ServerPostgres => Environment.GetEnvironmentVariable("SAGAS_BENCH_POSTGRES") is { Length: > 0 } value
        ? value
        : "Host=127.0.0.1;Port=5432;Username=sagas;Password=sagas;Database=sagas;SSL Mode=Disable";

    static Uri ServerRabbitMq => new(Environment.GetEnvironmentVariable("SAGAS_BENCH_RABBITMQ") is { Length: > 0 } value
        ? value
        : "amqp://guest:guest@127.0.0.1:5672/");

    readonly string _database = $"sagas_bench_{Guid.NewGuid():N}";
    readonly string _vhost = $"sagas-bench-{Guid.NewGuid():N}";
    readonly bool _oneProcess;
    bool _databaseCreated;
    bool _vhostCreated;
    WorkerProcess? _worker;

    RealStack(bool oneProcess) => _oneProcess = oneProcess;

    public string Description => $"PostgreSQL database {_database}, RabbitMQ vhost {_vhost}, " +
                                 (_oneProcess ? "activities in the orchestrator process" : "activities in one worker process");

    public string Database => _database;

    public string VirtualHost => _vhost;

    /// <summary>The worker once started; null with <c>--one-process</c>.</summary>
    public int? WorkerProcessId => _worker?.Id;

    /// <summary>The server's own database, unpooled: for statements about other databases.</summary>
    public static string AdminConnectionString => new NpgsqlConnectionStringBuilder(ServerPostgres) { Pooling = false }.ConnectionString;

    /// <summary>The bench database, as the orchestrator and the worker reach it.</summary>
    public string Postgres => new NpgsqlConnectionStringBuilder(ServerPostgres) { Database = _database }.ConnectionString;

    string RabbitMq => new UriBuilder(ServerRabbitMq) { Path = "/" + _vhost }.Uri.ToString();

    public Dictionary<string, string?> Settings => new()
    {
        ["Sagas:Transport"] = "RabbitMq",
        ["Sagas:Database"] = "Postgres",
        ["Sagas:HostActivities"] = _oneProcess ? "true" : "false",
        ["ConnectionStrings:Sagas"] = Postgres,
        ["ConnectionStrings:RabbitMq"] = RabbitMq,
    };

    public static async Task<RealStack> CreateAsync(bool oneProcess)
    {
        var stack = new RealStack(oneProcess);
        try
        {
            await AdminSqlAsync($"CREATE DATABASE {stack._database}");
            stack._databaseCreated = true;

            using var http = Management();
            (await http.PutAsync($"api/vhosts/{stack._vhost}", null)).EnsureSuccessStatusCode();
            stack._vhostCreated = true;
            (await http.PutAsync($"api/permissions/{stack._vhost}/{UserName}",
                new StringContent("""{"configure":".*","write":".*","read":".*"}""", Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
            return stack;
        }
        catch
        {
            await stack.DisposeAsync();
            throw;
        }
    }

    /// <summary>The worker migrates only the ledger's tables, so it starts once the orchestrator has migrated everything.</summary>
    public Task OrchestratorStartedAsync(CancellationToken cancellationToken) =>
        _oneProcess ? Task.CompletedTask : StartWorkerAsync(cancellationToken);

    /// <summary>Kills the worker, as a crash would: its queues stay and keep what is sent to them.</summary>
    public void StopWorker()
    {
        _worker?.Dispose();
        _worker = null;
    }

    /// <summary>Starts the worker and returns once it consumes from every queue of the transfer activities.</summary>
    public async Task StartWorkerAsync(CancellationToken cancellationToken)
    {
        if (_worker is not null)
            throw new InvalidOperationException("the worker is already running");

        _worker = WorkerProcess.Start(new Dictionary<string, string>
        {
            ["Sagas__Transport"] = "RabbitMq",
            ["Sagas__Database"] = "Postgres",
            ["ConnectionStrings__Sagas"] = Postgres,
            ["ConnectionStrings__RabbitMq"] = RabbitMq,
        });

        // Withdraw published before the worker has bound its queue would go nowhere.
        using var http = Management();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var queues = await http.GetFromJsonAsync<List<QueueInfo>>($"api/queues/{_vhost}?columns=name,consumers", cancellationToken) ?? [];
            if (WorkerQueues.All(name => queues.Any(q => q.Name == name && q.Consumers > 0)))
                return;
            if (_worker.HasExited)
                throw new InvalidOperationException("the worker process exited during start-up (its output is above)");
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"the worker did not consume from {string.Join(", ", WorkerQueues)} within 60 s");
            await Task.Delay(250, cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _worker?.Dispose();
        if (_databaseCreated)
        {
            NpgsqlConnection.ClearAllPools();
            await AdminSqlAsync($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)");
        }

        if (_vhostCreated)
        {
            using var http = Management();
            await http.DeleteAsync($"api/vhosts/{_vhost}");
        }
    }

    static async Task AdminSqlAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    static string UserName => Uri.UnescapeDataString(ServerRabbitMq.UserInfo.Split(':')[0]);

    public static HttpClient Management()
    {
        var password = Uri.UnescapeDataString(ServerRabbitMq.UserInfo.Split(':').ElementAtOrDefault(1) ?? "");
        var http = new HttpClient { BaseAddress = new Uri($"http://{ServerRabbitMq.Host}:15672/") };
        http.DefaultRequestHeaders.Authorization =
            new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{UserName}:{password}")));
        return http;
    }

    sealed record QueueInfo(string Name, int Consumers);
}
