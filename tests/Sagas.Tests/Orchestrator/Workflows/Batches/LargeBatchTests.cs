using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Sagas.ActivityWorkers.Inventory;
using Sagas.ActivityWorkers.Ledger;
using Sagas.Contracts;
using Sagas.Orchestrator.Workflows.Batches;
using Sagas.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Sagas.Tests.Orchestrator.Workflows.Batches;

/// <summary>
/// One large batch end to end on the embedded stack, on the real order activities (stock and
/// ledger; a sold-out sku and customers without money make some orders fail). CI runs 1,000 orders; the 10,000
/// (about 4 minutes on SQLite here) runs with <c>SAGAS_BATCH_ORDERS=10000</c>; <c>SAGAS_BATCH_CONCURRENCY</c> sets its bound.
/// </summary>
public sealed class LargeBatchTests(ITestOutputHelper output)
{
    static int Orders => int.TryParse(Environment.GetEnvironmentVariable("SAGAS_BATCH_ORDERS"), out var n) ? n : 1000;

    static int MaxConcurrency => int.TryParse(Environment.GetEnvironmentVariable("SAGAS_BATCH_CONCURRENCY"), out var n) ? n : 50;

    [Fact]
    public Task A_large_batch_counts_every_order_exactly_once() =>
        TestStacks.OnEmbeddedAsync(async settings =>
        {
            var orders = new StandInOrders();
            await using var host = await OrchestratorHost.StartAsync(settings, bus => bus.AddStartOrderWitness(orders));
            var batch = BatchTests.Batch(Orders, MaxConcurrency);
            await StockAndAccountsAsync(host, batch);

            var clock = Stopwatch.StartNew();
            await host.Bus.Publish(batch);
            await host.Services.WaitForStateAsync<BatchState>(batch.BatchId, "Completed", TimeSpan.FromMinutes(Math.Max(2, Orders / 500)));
            var elapsed = clock.Elapsed;

            var done = await BatchInvariants.AssertCompletedAsync(host, batch, MaxConcurrency);
            Assert.All(batch.Orders, o => Assert.Equal(1, orders.Published.GetValueOrDefault(o.OrderId)));
            output.WriteLine($"{Orders} orders, at most {MaxConcurrency} at once: {elapsed.TotalSeconds:F1} s ({Orders / elapsed.TotalSeconds:F0} orders/s); "
                + $"{done.Succeeded} succeeded, {done.Failed} failed, at most {done.MaxRunning} running");
            var stock = (await host.Services.WorkerRowsAsync<InventoryItem>()).Single(x => x.Sku == "sku-1");
            Assert.Equal((Orders - done.Succeeded, 0), (stock.Quantity, stock.Reserved));
        });

    /// <summary>Enough of <c>sku-1</c> for every order, none of the sold-out one, and money only for customers not meant to be declined.</summary>
    static async Task StockAndAccountsAsync(OrchestratorHost host, ProcessBatch batch)
    {
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LedgerDbContext>();
        db.Add(new InventoryItem { Sku = "sku-1", Quantity = batch.Orders.Count });
        db.Add(new InventoryItem { Sku = StandInOrderActivities.SoldOut, Quantity = 0 });
        foreach (var customer in batch.Orders.Select(o => o.CustomerId).Distinct())
            db.Add(new Account { Id = customer, Balance = customer.StartsWith(StandInOrderActivities.DeclinedPrefix, StringComparison.Ordinal) ? 0m : 100m });
        await db.SaveChangesAsync();
    }
}
