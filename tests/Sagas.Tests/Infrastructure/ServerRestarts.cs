using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Sagas.Durability.Hosting;

namespace Sagas.Tests.Infrastructure;

/// <summary>Tests that stop a shared server run alone, after every other test, so no one else sees the outage.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServerRestarts
{
    public const string Name = "Server restarts";

    /// <summary>Stops the local PostgreSQL cluster (as scripts/services.sh runs it) and starts it again after <paramref name="down"/>.</summary>
    public static async Task StopPostgresAsync(TimeSpan down)
    {
        var version = (await RunAsync("pg_lsclusters", "-h")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
        await RunAsync("pg_ctlcluster", $"{version} main stop -m fast");
        try
        {
            await Task.Delay(down);
        }
        finally
        {
            await RunAsync("pg_ctlcluster", $"{version} main start");
            // This process's pooled connections died with the server.
            Npgsql.NpgsqlConnection.ClearAllPools();
        }
    }

    /// <summary>
    /// Stops the local RabbitMQ node's broker (every connection drops; durable queues and their
    /// persistent messages stay on disk) and starts it again after <paramref name="down"/>.
    /// </summary>
    public static async Task RestartRabbitMqAsync(TimeSpan down)
    {
        await RunAsync("rabbitmqctl", "-q stop_app");
        try
        {
            await Task.Delay(down);
        }
        finally
        {
            await RunAsync("rabbitmqctl", "-q start_app");
        }
    }

    /// <summary>
    /// SIGKILLs one node of the cluster scripts/services.sh cluster runs (its connections drop; its
    /// quorum queue replicas elect new leaders on the others) and starts it again after <paramref name="down"/>.
    /// </summary>
    public static async Task KillRabbitMqNodeAsync(string node, TimeSpan down)
    {
        var pid = (await File.ReadAllTextAsync($"/var/lib/rabbitmq/cluster/{node}/{node}@localhost.pid")).Trim();
        await RunAsync("kill", $"-9 {pid}");
        try
        {
            await Task.Delay(down);
        }
        finally
        {
            await RunAsync(Path.Combine(Repository.Root, "scripts", "services.sh"), "cluster");
        }
    }

    /// <summary>Messages sitting in the vhost's <c>_error</c> and <c>_skipped</c> queues, by queue.</summary>
    public static async Task<Dictionary<string, long>> DeadLetteredAsync(string brokerConnectionString)
    {
        var broker = RabbitMqConnection.Parse(brokerConnectionString).Host;
        using var http = TestServers.ManagementClient(broker);
        var vhost = Uri.EscapeDataString(broker.AbsolutePath.TrimStart('/'));
        var queues = await http.GetFromJsonAsync<JsonElement[]>($"api/queues/{vhost}?columns=name,messages") ?? [];
        return queues.Select(q => (Name: q.GetProperty("name").GetString()!, Messages: q.TryGetProperty("messages", out var m) && m.ValueKind == JsonValueKind.Number ? m.GetInt64() : 0))
            .Where(q => q.Name.EndsWith("_error", StringComparison.Ordinal) || q.Name.EndsWith("_skipped", StringComparison.Ordinal))
            .Where(q => q.Messages > 0)
            .ToDictionary(q => q.Name, q => q.Messages);
    }

    static async Task<string> RunAsync(string command, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(command, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{command} {arguments} failed ({process.ExitCode}): {error}");
        return output;
    }
}
