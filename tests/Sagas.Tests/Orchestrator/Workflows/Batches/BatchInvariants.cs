using Microsoft.EntityFrameworkCore;
using Sagas.Contracts;
using Sagas.Orchestrator.Workflows.Batches;
using Sagas.Orchestrator.Workflows.Orders;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Orchestrator.Workflows.Batches;

/// <summary>What must hold once a batch has completed, checked against the order sagas' own rows.</summary>
public static class BatchInvariants
{
    static readonly string[] OrderEndStates = ["Completed", "Rejected", "PaymentFailed", "ShipmentFailed", "Cancelled", "NeedsAttention", "Compensated"];

    public static async Task<BatchState> AssertCompletedAsync(OrchestratorHost host, ProcessBatch batch, int maxConcurrency)
    {
        var done = await host.Services.SagaAsync<BatchState>(batch.BatchId) ?? throw new InvalidOperationException($"no batch {batch.BatchId}");
        Assert.Equal("Completed", done.CurrentState);
        Assert.Equal((batch.Orders.Count, batch.Orders.Count), (done.Total, done.Succeeded + done.Failed));
        Assert.InRange(done.MaxRunning, 1, maxConcurrency);

        var items = await ItemsAsync(host, batch.BatchId);
        var children = (await ChildrenAsync(host, batch.BatchId)).ToDictionary(x => x.CorrelationId);
        Assert.Equal(batch.Orders.Select(o => o.OrderId), items.Select(i => i.OrderId));
        Assert.Equal(batch.Orders.Count, children.Count);
        Assert.All(children.Values, c => Assert.Contains(c.CurrentState, OrderEndStates));

        // The counts agree with the children's own rows, grouped the same way, and each item with its child.
        Assert.Equal(done.Succeeded, children.Values.Count(c => c.CurrentState == "Completed"));
        Assert.Equal(done.Failed, children.Values.Count(c => c.CurrentState != "Completed"));
        Assert.All(items, item =>
        {
            var child = children[item.OrderId];
            Assert.Equal(child.CurrentState, item.Outcome);
            Assert.Equal(child.CurrentState == "Completed" ? BatchItemStatus.Succeeded : BatchItemStatus.Failed, item.Status);
        });

        Assert.InRange(MostRunningAtOnce(children.Values), 1, maxConcurrency);
        return done;
    }

    /// <summary>
    /// From the children's rows alone: an order runs from its row's creation to its end, and the
    /// batch starts the next one only after hearing of an end, so at equal times ends come first.
    /// </summary>
    public static int MostRunningAtOnce(IEnumerable<OrderState> children) =>
        children
            .SelectMany(c => new[] { (At: c.CreatedAt, Change: 1), (At: c.CompletedAt!.Value, Change: -1) })
            .OrderBy(x => x.At).ThenBy(x => x.Change)
            .Aggregate((Running: 0, Most: 0), (acc, x) => (acc.Running + x.Change, Math.Max(acc.Most, acc.Running + x.Change)))
            .Most;

    public static Task<List<BatchItem>> ItemsAsync(OrchestratorHost host, Guid batchId) =>
        host.QueryAsync(db => db.Set<BatchItem>().AsNoTracking().Where(x => x.BatchId == batchId).OrderBy(x => x.Position).ToListAsync());

    public static Task<List<OrderState>> ChildrenAsync(OrchestratorHost host, Guid batchId) =>
        host.QueryAsync(db => db.Set<OrderState>().AsNoTracking().Where(x => x.ParentId == batchId).ToListAsync());
}
