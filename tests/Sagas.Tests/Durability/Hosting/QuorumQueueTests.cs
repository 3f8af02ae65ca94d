using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RabbitMQ.Client;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Durability.Hosting;

/// <summary>
/// <c>Sagas:RabbitMq:QueueType = Quorum</c>: every queue we declare is a replicated quorum queue,
/// the error queues with them, and a transfer runs on them as on classic ones.
/// </summary>
public sealed class QuorumQueueTests
{
    [Fact]
    public async Task With_quorum_configured_every_queue_declared_is_a_quorum_queue_and_a_transfer_completes()
    {
        await using var database = await TestServers.CreatePostgresDatabaseAsync();
        await using var broker = await TestServers.CreateRabbitMqVirtualHostAsync();
        var settings = OrchestratorHost.RealStack(database.ConnectionString, broker.ConnectionString);
        settings["Sagas:HostActivities"] = "true";
        settings["Sagas:RabbitMq:QueueType"] = "Quorum";
        await using var api = await ApiHost.StartAsync(settings);
        foreach (var (account, balance) in new[] { ("alice", 100m), ("bob", 0m) })
            (await api.Http.PostAsJsonAsync("/api/accounts", new { accountId = account, balance })).EnsureSuccessStatusCode();

        var started = await api.Http.PostAsJsonAsync("/api/transfers", new { fromAccount = "alice", toAccount = "bob", amount = 30 });
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("transferId").GetGuid();
        await Eventually.TrueAsync(async () =>
        {
            using var transfer = await api.Http.GetAsync($"/api/transfers/{id}");
            return transfer.IsSuccessStatusCode && (await transfer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString() == "Completed";
        }, "the transfer to complete", TimeSpan.FromSeconds(60));

        // A message the deposit activity cannot read goes to its error queue, which is declared then.
        var factory = new ConnectionFactory { Uri = new Uri(broker.ConnectionString) };
        await using (var connection = await factory.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
            await channel.BasicPublishAsync("deposit", "", false, new BasicProperties { ContentType = "application/json" }, Encoding.UTF8.GetBytes("not JSON"));

        var vhost = Uri.EscapeDataString(new Uri(broker.ConnectionString).AbsolutePath.Trim('/'));
        using var management = TestServers.ManagementClient(new Uri(broker.ConnectionString));
        var queues = await Eventually.MatchAsync(async () => (await management.GetFromJsonAsync<JsonElement>($"api/queues/{vhost}")).EnumerateArray()
                // The bus's own reply queue (answers to the API's requests) lives only as long as its
                // connection, which a quorum queue cannot: it is declared neither durable nor to stay.
                .Where(q => q.GetProperty("durable").GetBoolean() && !q.GetProperty("auto_delete").GetBoolean())
                .ToDictionary(q => q.GetProperty("name").GetString()!, q => q.GetProperty("type").GetString()),
            q => q.ContainsKey("deposit_error"), "the deposit's error queue to be declared");

        Assert.Contains("deposit", queues.Keys);
        Assert.Contains("deposit_error", queues.Keys);
        Assert.Contains("scheduler", queues.Keys);
        Assert.All(queues, q => Assert.True(q.Value == "quorum", $"{q.Key} is a {q.Value} queue"));
    }
}
