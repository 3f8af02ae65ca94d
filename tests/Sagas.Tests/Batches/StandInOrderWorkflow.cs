using System.Collections.Concurrent;
using MassTransit;
using Sagas.Contracts;
using Sagas.Durability.Sagas;

namespace Sagas.Tests.Batches;

public sealed record FulfilStandInOrder(Guid OrderId, string CustomerId);

public sealed record StandInOrderFulfilled(Guid OrderId, bool Declined);

public sealed class StandInOrderState : SagaInstance;

/// <summary>
/// A minimal order saga for batch tests: started by <see cref="StartOrder"/>, one step, ends
/// <c>Completed</c> or <c>Declined</c> (customers named <c>declined-…</c>). It counts itself in
/// <see cref="StandInOrders"/> before it ends, so before its parent can hear of it.
/// </summary>
public sealed class StandInOrderStateMachine : DurableStateMachine<StandInOrderState>
{
    public StandInOrderStateMachine(StandInOrders orders)
    {
        Event(() => Start, e => e.CorrelateById(m => m.Message.OrderId));
        Event(() => Fulfilled, e => e.CorrelateById(m => m.Message.OrderId));
        Succeeded(Completed);
        Terminal(Declined);

        Initially(
            When(Start)
                .Then(x => orders.Began())
                .Publish(x => new FulfilStandInOrder(x.Message.OrderId, x.Message.CustomerId))
                .TransitionTo(Fulfilling));

        During(Fulfilling,
            When(Fulfilled, x => x.Message.Declined).Then(x => orders.Ended()).TransitionTo(Declined),
            When(Fulfilled, x => !x.Message.Declined).Then(x => orders.Ended()).TransitionTo(Completed));

        DuringAny(Ignore(Start));
    }

    public State Fulfilling { get; private set; } = null!;
    public State Completed { get; private set; } = null!;
    public State Declined { get; private set; } = null!;

    public Event<StartOrder> Start { get; private set; } = null!;
    public Event<StandInOrderFulfilled> Fulfilled { get; private set; } = null!;
}

/// <summary>Takes a little while per order, so several run at once; holds the orders a test asks it to until released.</summary>
public sealed class FulfilStandInOrderConsumer(StandInOrders orders) : IConsumer<FulfilStandInOrder>
{
    public async Task Consume(ConsumeContext<FulfilStandInOrder> context)
    {
        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(5, 40)), context.CancellationToken);
        await orders.WaitIfHeldAsync(context.Message.OrderId);
        await context.Publish(new StandInOrderFulfilled(context.Message.OrderId, context.Message.CustomerId.StartsWith("declined-", StringComparison.Ordinal)));
    }
}

/// <summary>Counts every <see cref="StartOrder"/> published, whichever saga takes it, so a second start of one order shows.</summary>
public sealed class StartOrderWitness(StandInOrders orders) : IConsumer<StartOrder>
{
    public Task Consume(ConsumeContext<StartOrder> context)
    {
        orders.Published.AddOrUpdate(context.Message.OrderId, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }
}

/// <summary>What the stand-in orders saw: how many ran at once at most, and how often each order was published.</summary>
public sealed class StandInOrders
{
    readonly ConcurrentDictionary<Guid, TaskCompletionSource> _held = new();
    readonly Lock _lock = new();
    int _running;

    public int MaxRunning { get; private set; }

    public ConcurrentDictionary<Guid, int> Published { get; } = new();

    public void Hold(Guid orderId) => _held[orderId] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release(Guid orderId) => _held[orderId].TrySetResult();

    public Task WaitIfHeldAsync(Guid orderId) => _held.TryGetValue(orderId, out var gate) ? gate.Task : Task.CompletedTask;

    public void Began()
    {
        lock (_lock)
            MaxRunning = Math.Max(MaxRunning, ++_running);
    }

    public void Ended()
    {
        lock (_lock)
            _running--;
    }
}
