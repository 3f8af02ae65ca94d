using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sagas.Contracts;
using Sagas.Durability.Sagas;
using Sagas.Orchestrator.Data;

namespace Sagas.Orchestrator.Workflows.Batches;

/// <summary>
/// The batch's steps on its <c>batch_items</c> rows. It works in the DbContext of the message being
/// consumed, so item rows, the saga's counters and the orders it publishes commit together or not at all.
/// </summary>
public sealed class BatchItems(SagasDbContext db, TimeProvider clock, IOptions<BatchProcessingOptions> options)
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Keeps the lookups' parameter lists well inside every database's limit.</summary>
    const int LookupChunk = 1000;

    public static BatchItems For(BehaviorContext<BatchState> context) => context.GetServiceOrCreateInstance<BatchItems>();

    /// <summary>An order that already belongs to another batch, which alone would hear when it ends.</summary>
    public Task<string?> TakenOrderAsync(ProcessBatch batch, CancellationToken cancellationToken)
    {
        EnsureInTransaction();
        return FindTakenOrderAsync(db, batch, cancellationToken);
    }

    public static async Task<string?> FindTakenOrderAsync(SagasDbContext db, ProcessBatch batch, CancellationToken cancellationToken)
    {
        foreach (var chunk in batch.Orders.Select(x => x.OrderId).Chunk(LookupChunk))
        {
            var taken = await db.Set<BatchItem>().AsNoTracking()
                .Where(x => chunk.Contains(x.OrderId) && x.BatchId != batch.BatchId)
                .Select(x => new { x.OrderId, x.BatchId })
                .FirstOrDefaultAsync(cancellationToken);
            if (taken is not null)
                return $"order {taken.OrderId} already belongs to batch {taken.BatchId}";
        }

        return null;
    }

    /// <summary>Writes every order as a pending item, in the order given.</summary>
    public async Task AddAsync(BatchState batch, ProcessBatch message, CancellationToken cancellationToken)
    {
        EnsureInTransaction();
        batch.Total = message.Orders.Count;
        batch.MaxConcurrency = message.MaxConcurrency ?? options.Value.MaxConcurrency;
        db.AddRange(message.Orders.Select((order, position) => new BatchItem
        {
            BatchId = batch.CorrelationId,
            Position = position,
            OrderId = order.OrderId,
            StartMessage = JsonSerializer.Serialize(order, Json),
            Status = BatchItemStatus.Pending,
        }));
        // Saved now, inside the message's transaction, so the first orders can be read back to start.
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Starts pending orders, in position order, until the batch runs as many as it may.</summary>
    public async Task StartNextAsync(BehaviorContext<BatchState> context)
    {
        EnsureInTransaction();
        var batch = context.Saga;
        var free = Math.Min(batch.MaxConcurrency - batch.Running, batch.Total - batch.Started);
        if (free <= 0)
            return;

        var next = await db.Set<BatchItem>().AsTracking()
            .Where(x => x.BatchId == batch.CorrelationId && x.Position >= batch.Started)
            .OrderBy(x => x.Position)
            .Take(free)
            .ToListAsync(context.CancellationToken);

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var item in next)
        {
            item.Status = BatchItemStatus.Running;
            item.StartedAt = now;
            var order = JsonSerializer.Deserialize<StartOrder>(item.StartMessage, Json)!;
            await context.Publish(order, publish => ParentHeaders.Stamp(publish, batch.CorrelationId, context.ReceiveContext.InputAddress));
        }

        batch.Started += next.Count;
        batch.MaxRunning = Math.Max(batch.MaxRunning, batch.Running);
    }

    /// <summary>
    /// Records how a running order ended and counts it; false for an end already counted (a
    /// notice sent again) or for an order this batch never started.
    /// </summary>
    public async Task<bool> FinishAsync(BatchState batch, ChildSagaFinished finished, CancellationToken cancellationToken)
    {
        EnsureInTransaction();
        var item = await db.Set<BatchItem>().AsTracking()
            .SingleOrDefaultAsync(x => x.BatchId == batch.CorrelationId && x.OrderId == finished.ChildId, cancellationToken);
        if (item is not { Status: BatchItemStatus.Running })
            return false;

        item.Status = finished.Succeeded ? BatchItemStatus.Succeeded : BatchItemStatus.Failed;
        item.Outcome = finished.State;
        item.FinishedAt = clock.GetUtcNow().UtcDateTime;
        if (finished.Succeeded)
            batch.Succeeded++;
        else
            batch.Failed++;
        return true;
    }

    /// <summary>Outside the consume transaction an item change could commit without the counters, or the other way round.</summary>
    void EnsureInTransaction()
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("Batch items are changed only inside the transaction of the message being consumed.");
    }
}
