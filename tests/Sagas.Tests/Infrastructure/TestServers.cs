using System.Net.Http.Headers;
using System.Text;
using Npgsql;
using Sagas.Durability.Hosting;

namespace Sagas.Tests.Infrastructure;

/// <summary>
/// The real PostgreSQL and RabbitMQ that scripts/services.sh starts. Tests never skip: a server
/// that cannot be reached fails the test with the reason.
/// </summary>
public static class TestServers
{
    public static string Postgres =>
        Environment.GetEnvironmentVariable("SAGAS_TEST_POSTGRES") is { Length: > 0 } value
            ? value
            : "Host=127.0.0.1;Port=5432;Username=sagas;Password=sagas;Database=sagas;SSL Mode=Disable";

    /// <summary>One broker, or a cluster's nodes separated by commas (scripts/soak.sh --cluster).</summary>
    public static string RabbitMq =>
        Environment.GetEnvironmentVariable("SAGAS_TEST_RABBITMQ") is { Length: > 0 } value
            ? value
            : "amqp://guest:guest@127.0.0.1:5672/";

    /// <summary>The management API's port on the first node (a cluster on one machine gives each node its own).</summary>
    static int ManagementPort =>
        Environment.GetEnvironmentVariable("SAGAS_TEST_RABBITMQ_MANAGEMENT_PORT") is { Length: > 0 } value ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : 15672;

    /// <summary>A fresh database of its own, dropped afterwards.</summary>
    public static async Task<TemporaryResource> CreatePostgresDatabaseAsync()
    {
        var name = $"sagas_test_{Guid.NewGuid():N}";
        var admin = new NpgsqlConnectionStringBuilder(Postgres) { Pooling = false };
        await using (var connection = await OpenAsync(admin.ConnectionString))
        await using (var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection))
            await create.ExecuteNonQueryAsync();

        var connectionString = new NpgsqlConnectionStringBuilder(Postgres) { Database = name, MaxPoolSize = 60 }.ConnectionString;
        return new TemporaryResource(connectionString, async () =>
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = await OpenAsync(admin.ConnectionString);
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        });
    }

    /// <summary>A RabbitMQ virtual host of its own, so no queue or message leaks between tests.</summary>
    public static async Task<TemporaryResource> CreateRabbitMqVirtualHostAsync()
    {
        var name = $"sagas-test-{Guid.NewGuid():N}";
        var broker = RabbitMqConnection.Parse(RabbitMq).Host;
        using var http = ManagementClient(broker);
        await EnsureAsync(http.PutAsync($"api/vhosts/{name}", null), "create a RabbitMQ virtual host");
        await EnsureAsync(http.PutAsync($"api/permissions/{name}/{UserName(broker)}",
            new StringContent("""{"configure":".*","write":".*","read":".*"}""", Encoding.UTF8, "application/json")), "grant RabbitMQ permissions");

        // The configured string names the broker's default virtual host; keep its nodes, name ours instead.
        var connectionString = $"{RabbitMq.TrimEnd('/')}/{name}";
        return new TemporaryResource(connectionString, async () =>
        {
            using var cleanup = ManagementClient(broker);
            await cleanup.DeleteAsync($"api/vhosts/{name}");
        });
    }

    static async Task<NpgsqlConnection> OpenAsync(string connectionString)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync();
            return connection;
        }
        catch (Exception exception)
        {
            throw new InvalidOperationException(
                $"PostgreSQL is not reachable ({exception.Message}). Start it with scripts/services.sh or set SAGAS_TEST_POSTGRES.", exception);
        }
    }

    public static HttpClient ManagementClient(Uri broker)
    {
        var user = UserName(broker);
        var password = Uri.UnescapeDataString(broker.UserInfo.Split(':').ElementAtOrDefault(1) ?? "guest");
        var http = new HttpClient { BaseAddress = new Uri($"http://{broker.Host}:{ManagementPort}/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")));
        return http;
    }

    static string UserName(Uri broker) => Uri.UnescapeDataString(broker.UserInfo.Split(':')[0] is { Length: > 0 } user ? user : "guest");

    static async Task EnsureAsync(Task<HttpResponseMessage> request, string what)
    {
        try
        {
            using var response = await request;
            response.EnsureSuccessStatusCode();
        }
        catch (Exception exception)
        {
            throw new InvalidOperationException(
                $"Could not {what} ({exception.Message}). Start RabbitMQ with its management plugin via scripts/services.sh or set SAGAS_TEST_RABBITMQ.", exception);
        }
    }
}

public sealed class TemporaryResource(string connectionString, Func<Task> cleanup) : IAsyncDisposable
{
    public string ConnectionString { get; } = connectionString;

    public ValueTask DisposeAsync() => new(cleanup());
}
