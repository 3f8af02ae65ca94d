using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Sagas.Contracts;
using Sagas.Durability.Compensation;

namespace Sagas.Tests.Orchestrator.Workflows.Batches;

/// <summary>
/// Order activities that decide by name, for batch tests that are about the batch, not the
/// ledger: a <c>sold-out</c> sku is out of stock, a <c>declined-…</c> customer's payment is declined.
/// Each takes a little while, so several orders run at once; a test can hold an order's reservation.
/// </summary>
public static class StandInOrderActivities
{
    public const string SoldOut = "sold-out";
    public const string DeclinedPrefix = "declined-";

    public static void AddStandInOrderActivities(this IBusRegistrationConfigurator bus, StandInOrders orders)
    {
        bus.TryAddSingleton(orders);
        bus.AddConsumer<ReserveStandIn>();
        bus.AddConsumer<ReleaseStandIn>();
        bus.AddConsumer<ChargeStandIn>();
        bus.AddConsumer<RefundStandIn>();
        bus.AddConsumer<ShipStandIn>();
        bus.AddConsumer<ConfirmStandIn>();
        bus.AddStartOrderWitness(orders);
    }

    /// <summary>Only counts the orders started, for a batch run on the real activities.</summary>
    public static void AddStartOrderWitness(this IBusRegistrationConfigurator bus, StandInOrders orders)
    {
        bus.TryAddSingleton(orders);
        bus.AddConsumer<StartOrderWitness>();
    }

    /// <summary>The state an order of this customer and these lines ends in.</summary>
    public static string ExpectedOutcome(StartOrder order) =>
        order.Items.Any(x => x.Sku == SoldOut) ? "Rejected"
        : order.CustomerId.StartsWith(DeclinedPrefix, StringComparison.Ordinal) ? "PaymentFailed"
        : "Completed";

    static Task WorkAsync(CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(2, 20)), cancellationToken);

    sealed class ReserveStandIn(StandInOrders orders) : IConsumer<ReserveInventory>
    {
        public async Task Consume(ConsumeContext<ReserveInventory> context)
        {
            await WorkAsync(context.CancellationToken);
            await orders.WaitIfHeldAsync(context.Message.OrderId, context.CancellationToken);
            if (context.Message.Items.Any(x => x.Sku == SoldOut))
                await context.RespondAsync(new InventoryRejected(context.Message.OrderId, OrderFailures.OutOfStock));
            else
                await context.RespondAsync(new InventoryReserved(context.Message.OrderId));
        }
    }

    sealed class ReleaseStandIn : IConsumer<ReleaseInventory>
    {
        public Task Consume(ConsumeContext<ReleaseInventory> context) => context.CompensatedAsync(context.Message.OrderId);
    }

    sealed class ChargeStandIn : IConsumer<ChargePayment>
    {
        public async Task Consume(ConsumeContext<ChargePayment> context)
        {
            await WorkAsync(context.CancellationToken);
            if (context.Message.CustomerId.StartsWith(DeclinedPrefix, StringComparison.Ordinal))
                await context.RespondAsync(new PaymentDeclined(context.Message.OrderId, "insufficient funds"));
            else
                await context.RespondAsync(new PaymentCharged(context.Message.OrderId, context.Message.Amount));
        }
    }

    sealed class RefundStandIn : IConsumer<RefundPayment>
    {
        public Task Consume(ConsumeContext<RefundPayment> context) => context.CompensatedAsync(context.Message.OrderId);
    }

    sealed class ShipStandIn : IConsumer<CreateShipment>
    {
        public async Task Consume(ConsumeContext<CreateShipment> context)
        {
            await WorkAsync(context.CancellationToken);
            await context.RespondAsync(new ShipmentCreated(context.Message.OrderId, $"ship-{context.Message.OrderId:N}"));
        }
    }

    sealed class ConfirmStandIn : IConsumer<SendOrderConfirmation>
    {
        public Task Consume(ConsumeContext<SendOrderConfirmation> context) => context.RespondAsync(new OrderConfirmationSent(context.Message.OrderId));
    }

    /// <summary>Counts every <see cref="StartOrder"/> published, so a second start of one order shows.</summary>
    sealed class StartOrderWitness(StandInOrders orders) : IConsumer<StartOrder>
    {
        public Task Consume(ConsumeContext<StartOrder> context)
        {
            orders.Published.AddOrUpdate(context.Message.OrderId, 1, (_, n) => n + 1);
            return Task.CompletedTask;
        }
    }
}

/// <summary>What the stand-in activities saw, and the reservations a test holds back.</summary>
public sealed class StandInOrders
{
    readonly ConcurrentDictionary<Guid, TaskCompletionSource> _held = new();

    public ConcurrentDictionary<Guid, int> Published { get; } = new();

    public void Hold(Guid orderId) => _held[orderId] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release(Guid orderId) => _held[orderId].TrySetResult();

    /// <summary>Gives up when the bus stops, so a test that failed while holding an order still shuts down.</summary>
    public Task WaitIfHeldAsync(Guid orderId, CancellationToken cancellationToken) =>
        _held.TryGetValue(orderId, out var gate) ? gate.Task.WaitAsync(cancellationToken) : Task.CompletedTask;
}
