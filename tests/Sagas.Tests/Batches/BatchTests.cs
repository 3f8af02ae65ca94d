using MassTransit;
using MassTransit.Saga;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sagas.Contracts;
using Sagas.Durability.Sagas;
using Sagas.Orchestrator.Workflows.Batches;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Batches;

/// <summary>
/// Batches on the embedded stack with stand-in orders: every order runs once, at most
/// MaxConcurrency at a time, and each end is counted once even when its notice comes again.
/// </summary>
public sealed class BatchTests
{
    [Fact]
    public Task A_batch_runs_every_order_once_within_its_concurrency_and_counts_each_outcome() =>
        TestStacks.OnEmbeddedAsync(async settings =>
        {
            var orders = new StandInOrders();
            await using var host = await StartAsync(settings, orders);
            var batch = Batch(count: 300, maxConcurrency: 7);

            await host.Bus.Publish(batch);
            var done = await host.Services.WaitForStateAsync<BatchState>(batch.BatchId, "Completed", TimeSpan.FromMinutes(3));

            var declined = batch.Orders.Count(o => o.CustomerId.StartsWith("declined-", StringComparison.Ordinal));
            Assert.Equal((300, 300 - declined, declined), (done.Total, done.Succeeded, done.Failed));
            Assert.Equal(7, done.MaxRunning);
            Assert.InRange(orders.MaxRunning, 2, 7);
            Assert.All(batch.Orders, o => Assert.Equal(1, orders.Published.GetValueOrDefault(o.OrderId)));

            var items = await ItemsAsync(host, batch.BatchId);
            Assert.Equal(batch.Orders.Select(o => o.OrderId), items.Select(i => i.OrderId));
            foreach (var (order, item) in batch.Orders.Zip(items))
            {
                var fails = order.CustomerId.StartsWith("declined-", StringComparison.Ordinal);
                Assert.Equal((fails ? BatchItemStatus.Failed : BatchItemStatus.Succeeded, fails ? "Declined" : "Completed"), (item.Status, item.Outcome));
            }

            var children = await ChildrenAsync(host, batch.BatchId);
            Assert.Equal(300, children.Count);
            Assert.Equal(done.Succeeded, children.Count(c => c.CurrentState == "Completed"));
            Assert.Equal(done.Failed, children.Count(c => c.CurrentState == "Declined"));
        });

    [Fact]
    public Task An_end_counted_once_is_not_counted_again_when_its_notice_comes_again() =>
        TestStacks.OnEmbeddedAsync(async settings =>
        {
            var orders = new StandInOrders();
            await using var host = await StartAsync(settings, orders);
            var batch = Batch(count: 20, maxConcurrency: 4);
            var last = batch.Orders[^1].OrderId;
            orders.Hold(last);

            await host.Bus.Publish(batch);
            var running = await Eventually.MatchAsync(() => host.Services.SagaAsync<BatchState>(batch.BatchId), b => b.Finished == 19,
                "all but the held order to end");

            // Each ended order's notice again, as a new message the inbox has not seen, and one for an order the batch never ran.
            var children = await ChildrenAsync(host, batch.BatchId);
            var parent = await host.Bus.GetSendEndpoint(new Uri(children[0].ParentAddress!));
            foreach (var child in children.Where(c => c.CorrelationId != last))
            {
                await parent.Send(new ChildSagaFinished(batch.BatchId, child.CorrelationId, nameof(StandInOrderState), "Completed", Succeeded: true,
                    new Uri("queue:stand-in")));
            }

            await parent.Send(new ChildSagaFinished(batch.BatchId, Guid.NewGuid(), nameof(StandInOrderState), "Completed", true, new Uri("queue:stand-in")));
            await Eventually.TrueAsync(async () => await NoticesHandledAsync(host, batch.BatchId) == 19 + 19 + 1, "the repeated notices to be handled");

            var unchanged = await host.Services.SagaAsync<BatchState>(batch.BatchId);
            Assert.Equal((running.Succeeded, running.Failed, "Processing"), (unchanged!.Succeeded, unchanged.Failed, unchanged.CurrentState));

            orders.Release(last);
            var done = await host.Services.WaitForStateAsync<BatchState>(batch.BatchId, "Completed");
            var items = await ItemsAsync(host, batch.BatchId);
            Assert.Equal(20, done.Finished);
            Assert.Equal(items.Count(i => i.Status == BatchItemStatus.Succeeded), done.Succeeded);
            Assert.Equal(items.Count(i => i.Status == BatchItemStatus.Failed), done.Failed);
        });

    [Fact]
    public Task A_batch_naming_an_order_of_another_batch_is_rejected_and_starts_nothing() =>
        TestStacks.OnEmbeddedAsync(async settings =>
        {
            var orders = new StandInOrders();
            await using var host = await StartAsync(settings, orders);
            var first = Batch(count: 3, maxConcurrency: 3);
            await host.Bus.Publish(first);
            await host.Services.WaitForStateAsync<BatchState>(first.BatchId, "Completed");

            var second = Batch(count: 3, maxConcurrency: 3) with { Orders = [.. Batch(2, 1).Orders, first.Orders[1]] };
            await host.Bus.Publish(second);
            var rejected = await host.Services.WaitForStateAsync<BatchState>(second.BatchId, "Rejected");

            Assert.Equal($"order {first.Orders[1].OrderId} already belongs to batch {first.BatchId}", rejected.FailureReason);
            Assert.Empty(await ItemsAsync(host, second.BatchId));
            Assert.All(second.Orders.Take(2), o => Assert.False(orders.Published.ContainsKey(o.OrderId)));
        });

    static ProcessBatch Batch(int count, int maxConcurrency) => new()
    {
        BatchId = Guid.NewGuid(),
        MaxConcurrency = maxConcurrency,
        Orders = Enumerable.Range(0, count).Select(i => new StartOrder
        {
            OrderId = Guid.NewGuid(),
            CustomerId = i % 5 == 3 ? $"declined-{i}" : $"customer-{i}",
            Items = [new OrderLine { Sku = "sku-1", Quantity = 1, Price = 10 }],
        }).ToList(),
    };

    static Task<OrchestratorHost> StartAsync(Dictionary<string, string?> settings, StandInOrders orders) =>
        OrchestratorHost.StartAsync(settings, bus =>
        {
            bus.AddSingleton(orders);
            bus.AddSagaStateMachine<StandInOrderStateMachine, StandInOrderState>().InMemoryRepository();
            bus.AddConsumer<FulfilStandInOrderConsumer>();
            bus.AddConsumer<StartOrderWitness>();
        });

    static Task<List<BatchItem>> ItemsAsync(OrchestratorHost host, Guid batchId) =>
        host.QueryAsync(db => db.Set<BatchItem>().AsNoTracking().Where(x => x.BatchId == batchId).OrderBy(x => x.Position).ToListAsync());

    static Task<int> NoticesHandledAsync(OrchestratorHost host, Guid batchId) =>
        host.QueryAsync(db => db.Set<SagaHistoryEntry>().CountAsync(x => x.CorrelationId == batchId && x.EventName == "OrderFinished"));

    /// <summary>The stand-in order sagas whose parent is the batch.</summary>
    static async Task<List<StandInOrderState>> ChildrenAsync(OrchestratorHost host, Guid batchId)
    {
        var query = host.Services.GetRequiredService<IQuerySagaRepository<StandInOrderState>>();
        var load = host.Services.GetRequiredService<ILoadSagaRepository<StandInOrderState>>();
        var ids = await query.Find(new SagaQuery<StandInOrderState>(x => x.ParentId == batchId));
        var children = new List<StandInOrderState>();
        foreach (var id in ids)
            children.Add(await load.Load(id) ?? throw new InvalidOperationException($"child {id} vanished"));
        return children;
    }
}
