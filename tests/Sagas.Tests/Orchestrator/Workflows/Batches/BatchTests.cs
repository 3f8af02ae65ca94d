using MassTransit;
using Microsoft.EntityFrameworkCore;
using Sagas.Contracts;
using Sagas.Durability.Sagas;
using Sagas.Orchestrator.Workflows.Batches;
using Sagas.Orchestrator.Workflows.Orders;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Orchestrator.Workflows.Batches;

/// <summary>
/// Batches of real order sagas on the embedded stack, with stand-in activities: every order runs
/// once, at most MaxConcurrency at a time, and each end is counted once even when its notice comes again.
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
            await host.Services.WaitForStateAsync<BatchState>(batch.BatchId, "Completed", TimeSpan.FromMinutes(3));

            var done = await BatchInvariants.AssertCompletedAsync(host, batch, maxConcurrency: 7);
            Assert.Equal(7, done.MaxRunning);
            var expected = batch.Orders.ToDictionary(o => o.OrderId, StandInOrderActivities.ExpectedOutcome);
            Assert.Equal(expected.Count(x => x.Value == "Completed"), done.Succeeded);
            Assert.All(await BatchInvariants.ItemsAsync(host, batch.BatchId), item => Assert.Equal(expected[item.OrderId], item.Outcome));
            Assert.Equal(["Completed", "PaymentFailed", "Rejected"], expected.Values.Distinct().Order());
            Assert.All(batch.Orders, o => Assert.Equal(1, orders.Published.GetValueOrDefault(o.OrderId)));
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

            try
            {
                await host.Bus.Publish(batch);
                var running = await Eventually.MatchAsync(() => host.Services.SagaAsync<BatchState>(batch.BatchId), b => b.Finished == 19,
                    "all but the held order to end");

                // Each ended order's notice again, as a new message the inbox has not seen, and one for an order the batch never ran.
                var children = await BatchInvariants.ChildrenAsync(host, batch.BatchId);
                var parent = await host.Bus.GetSendEndpoint(new Uri(children[0].ParentAddress!));
                foreach (var child in children.Where(c => c.CorrelationId != last))
                    await parent.Send(new ChildSagaFinished(batch.BatchId, child.CorrelationId, nameof(OrderState), "Completed", true, new Uri("queue:order-state")));
                await parent.Send(new ChildSagaFinished(batch.BatchId, Guid.NewGuid(), nameof(OrderState), "Completed", true, new Uri("queue:order-state")));
                await Eventually.TrueAsync(async () => await NoticesHandledAsync(host, batch.BatchId) == 19 + 19 + 1, "the repeated notices to be handled");

                var unchanged = await host.Services.SagaAsync<BatchState>(batch.BatchId);
                Assert.Equal((running.Succeeded, running.Failed, "Processing"), (unchanged!.Succeeded, unchanged.Failed, unchanged.CurrentState));
            }
            finally
            {
                orders.Release(last);
            }

            await host.Services.WaitForStateAsync<BatchState>(batch.BatchId, "Completed");
            await BatchInvariants.AssertCompletedAsync(host, batch, maxConcurrency: 4);
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

            var second = Batch(count: 2, maxConcurrency: 3) with { Orders = [.. Batch(2, 1).Orders, first.Orders[1]] };
            await host.Bus.Publish(second);
            var rejected = await host.Services.WaitForStateAsync<BatchState>(second.BatchId, "Rejected");

            Assert.Equal($"order {first.Orders[1].OrderId} already belongs to batch {first.BatchId}", rejected.FailureReason);
            Assert.Empty(await BatchInvariants.ItemsAsync(host, second.BatchId));
            Assert.All(second.Orders.Take(2), o => Assert.False(orders.Published.ContainsKey(o.OrderId)));
        });

    /// <summary>Every fifth order's payment is declined, every seventh is out of stock; the rest complete.</summary>
    public static ProcessBatch Batch(int count, int? maxConcurrency) => new()
    {
        BatchId = Guid.NewGuid(),
        MaxConcurrency = maxConcurrency,
        Orders = Enumerable.Range(0, count).Select(i => new StartOrder
        {
            OrderId = Guid.NewGuid(),
            CustomerId = i % 5 == 3 ? $"{StandInOrderActivities.DeclinedPrefix}{i}" : $"customer-{i}",
            Items = [new OrderLine { Sku = i % 7 == 5 ? StandInOrderActivities.SoldOut : "sku-1", Quantity = 1, Price = 10 }],
        }).ToList(),
    };

    /// <summary>The orchestrator without its own activities: the order steps are answered by the stand-ins.</summary>
    static Task<OrchestratorHost> StartAsync(Dictionary<string, string?> settings, StandInOrders orders)
    {
        settings["Sagas:HostActivities"] = "false";
        return OrchestratorHost.StartAsync(settings, bus => bus.AddStandInOrderActivities(orders));
    }

    static Task<int> NoticesHandledAsync(OrchestratorHost host, Guid batchId) =>
        host.QueryAsync(db => db.Set<SagaHistoryEntry>().CountAsync(x => x.CorrelationId == batchId && x.EventName == "OrderFinished"));
}
