using System.Text;
using RabbitMQ.Client;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Durability.Hosting;

/// <summary>A service on another platform starts a transfer with plain JSON on the message's exchange.</summary>
public sealed class PlainJsonStartTests
{
    [Fact]
    public async Task Plain_json_published_to_the_StartTransfer_exchange_starts_one_transfer()
    {
        await using var database = await TestServers.CreatePostgresDatabaseAsync();
        await using var broker = await TestServers.CreateRabbitMqVirtualHostAsync();
        await using var host = await OrchestratorHost.StartAsync(OrchestratorHost.RealStack(database.ConnectionString, broker.ConnectionString));
        await host.OpenAccountsAsync([("alice", 100m), ("bob", 0m)]);

        var transferId = Guid.NewGuid();
        var json = $$"""{"transferId":"{{transferId}}","fromAccount":"alice","toAccount":"bob","amount":30}""";
        var factory = new ConnectionFactory { Uri = new Uri(broker.ConnectionString) };
        await using (var connection = await factory.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            var properties = new BasicProperties { ContentType = "application/json" };
            for (var i = 0; i < 2; i++)
                await channel.BasicPublishAsync("Sagas.Contracts:StartTransfer", "", false, properties, Encoding.UTF8.GetBytes(json));
        }

        var transfer = Assert.Single(await host.WaitForTerminalAsync([transferId], TimeSpan.FromSeconds(60)));
        Assert.Equal("Completed", transfer.CurrentState);
        Assert.Equal(30m, transfer.Amount);
        Assert.Equal([70m, 30m], (await host.AccountsAsync()).OrderBy(a => a.Id).Select(a => a.Balance));
    }
}
