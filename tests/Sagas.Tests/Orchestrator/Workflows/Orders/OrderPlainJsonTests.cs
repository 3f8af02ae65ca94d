using System.Text;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;
using Sagas.ActivityWorkers.Inventory;
using Sagas.ActivityWorkers.Ledger;
using Sagas.Orchestrator.Workflows.Orders;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Orchestrator.Workflows.Orders;

/// <summary>A shop written on another platform places an order with plain JSON on the StartOrder exchange.</summary>
public sealed class OrderPlainJsonTests
{
    [Fact]
    public async Task Plain_json_with_nested_lines_published_twice_places_one_order()
    {
        await using var database = await TestServers.CreatePostgresDatabaseAsync();
        await using var broker = await TestServers.CreateRabbitMqVirtualHostAsync();
        await using var host = await OrchestratorHost.StartAsync(OrchestratorHost.RealStack(database.ConnectionString, broker.ConnectionString));
        await using (var scope = host.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LedgerDbContext>();
            db.Add(new InventoryItem { Sku = "kettle", Quantity = 3 });
            db.Add(new Account { Id = "carol", Balance = 100m });
            await db.SaveChangesAsync();
        }

        var orderId = Guid.NewGuid();
        var json = $$"""{"orderId":"{{orderId}}","customerId":"carol","items":[{"sku":"kettle","quantity":2,"price":19.99}]}""";
        var factory = new ConnectionFactory { Uri = new Uri(broker.ConnectionString) };
        await using (var connection = await factory.CreateConnectionAsync())
        await using (var channel = await connection.CreateChannelAsync())
        {
            var properties = new BasicProperties { ContentType = "application/json" };
            for (var i = 0; i < 2; i++)
                await channel.BasicPublishAsync("Sagas.Contracts:StartOrder", "", false, properties, Encoding.UTF8.GetBytes(json));
        }

        var order = await host.Services.WaitForStateAsync<OrderState>(orderId, "Completed", TimeSpan.FromSeconds(60));
        Assert.Equal(39.98m, order.Total);
        var kettle = (await host.Services.WorkerRowsAsync<InventoryItem>()).Single();
        Assert.Equal((1, 0), (kettle.Quantity, kettle.Reserved));
        Assert.Equal(60.02m, (await host.Services.WorkerRowsAsync<Account>()).Single(a => a.Id == "carol").Balance);
    }
}
