using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sagas.ActivityWorkers.Inventory;
using Sagas.ActivityWorkers.Ledger;
using Sagas.ActivityWorkers.Payments;
using Sagas.ActivityWorkers.Shipping;
using Sagas.Contracts;
using Sagas.Durability.Activities;
using Sagas.Durability.Compensation;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.ActivityWorkers;

/// <summary>
/// The order activities in a real orchestrator host, asked as a saga asks them: the command is
/// published with a response address (here a request client's) and a step header, and the
/// activity's answer comes back through its outbox.
/// </summary>
public sealed class OrderActivityStack(OrchestratorHost host)
{
    public const string Embedded = "embedded";
    public const string Real = "real";

    public OrchestratorHost Host { get; } = host;

    public static Task RunAsync(string stack, Func<OrderActivityStack, Task> scenario, Action<Dictionary<string, string?>>? configure = null)
    {
        async Task Run(Dictionary<string, string?> settings)
        {
            configure?.Invoke(settings);
            await using var host = await OrchestratorHost.StartAsync(settings);
            await scenario(new OrderActivityStack(host));
        }

        return stack switch
        {
            Embedded => TestStacks.OnEmbeddedAsync(Run),
            Real => TestStacks.OnRealStackAsync(Run),
            _ => throw new ArgumentOutOfRangeException(nameof(stack), stack, null),
        };
    }

    public Task<object> ReserveAsync(Guid orderId, params (string Sku, int Quantity)[] lines) =>
        AskAsync<ReserveInventory, InventoryReserved, InventoryRejected>(new ReserveInventory(orderId, Lines(lines)));

    public Task<object> ReleaseAsync(Guid orderId) =>
        AskAsync<ReleaseInventory, CompensationCompleted, CompensationFailed>(new ReleaseInventory(orderId));

    public Task<object> ChargeAsync(Guid orderId, string customerId, decimal amount) =>
        AskAsync<ChargePayment, PaymentCharged, PaymentDeclined>(new ChargePayment(orderId, customerId, amount));

    public Task<object> RefundAsync(Guid orderId, string customerId, decimal amount) =>
        AskAsync<RefundPayment, CompensationCompleted, CompensationFailed>(new RefundPayment(orderId, customerId, amount));

    public Task<object> ShipAsync(Guid orderId, params (string Sku, int Quantity)[] lines) =>
        AskAsync<CreateShipment, ShipmentCreated, ShipmentRejected>(new CreateShipment(orderId, "carol", Lines(lines)));

    public async Task<object> ConfirmAsync(Guid orderId, string shipmentId)
    {
        var client = Host.Bus.CreateRequestClient<SendOrderConfirmation>(RequestTimeout.After(s: 60));
        var response = await client.GetResponse<OrderConfirmationSent>(new SendOrderConfirmation(orderId, "carol", 12.5m, shipmentId),
            x => x.UseExecute(AsStep(nameof(SendOrderConfirmation))));
        return response.Message;
    }

    /// <summary>Asks as a saga's step does; returns whichever of the two answers came.</summary>
    public async Task<object> AskAsync<TCommand, TAnswer, TOtherAnswer>(TCommand command)
        where TCommand : class
        where TAnswer : class
        where TOtherAnswer : class
    {
        var client = Host.Bus.CreateRequestClient<TCommand>(RequestTimeout.After(s: 60));
        var response = await client.GetResponse<TAnswer, TOtherAnswer>(command, x => x.UseExecute(AsStep(typeof(TCommand).Name)));
        return response.Message;
    }

    static Action<SendContext> AsStep(string step) => context =>
    {
        context.Headers.Set(StepHeaders.Step, step);
        context.Headers.Set(StepHeaders.Attempt, 1);
    };

    static List<OrderLine> Lines((string Sku, int Quantity)[] lines) =>
        [.. lines.Select(x => new OrderLine { Sku = x.Sku, Quantity = x.Quantity, Price = 1m })];

    public async Task StockAsync(params (string Sku, int Quantity)[] items)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LedgerDbContext>();
        db.AddRange(items.Select(x => new InventoryItem { Sku = x.Sku, Quantity = x.Quantity }));
        await db.SaveChangesAsync();
    }

    public async Task SetQuantityAsync(string sku, int quantity)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LedgerDbContext>();
        var item = await db.Set<InventoryItem>().SingleAsync(x => x.Sku == sku);
        item.Quantity = quantity;
        item.Version++;
        await db.SaveChangesAsync();
    }

    public async Task<(int Quantity, int Reserved)> ItemAsync(string sku)
    {
        var item = (await Host.Services.WorkerRowsAsync<InventoryItem>()).Single(x => x.Sku == sku);
        return (item.Quantity, item.Reserved);
    }

    public async Task<InventoryHold?> HoldAsync(Guid orderId) =>
        (await Host.Services.WorkerRowsAsync<InventoryHold>()).SingleOrDefault(x => x.OrderId == orderId);

    public async Task<List<InventoryHoldLine>> HoldLinesAsync(Guid orderId) =>
        [.. (await Host.Services.WorkerRowsAsync<InventoryHoldLine>()).Where(x => x.OrderId == orderId)];

    public async Task<Payment?> PaymentAsync(Guid orderId) =>
        (await Host.Services.WorkerRowsAsync<Payment>()).SingleOrDefault(x => x.OrderId == orderId);

    public async Task<List<Shipment>> ShipmentsAsync(Guid orderId) =>
        [.. (await Host.Services.WorkerRowsAsync<Shipment>()).Where(x => x.OrderId == orderId)];

    public async Task<decimal?> BalanceAsync(string accountId) =>
        (await Host.AccountsAsync()).SingleOrDefault(x => x.Id == accountId)?.Balance;

    /// <summary>The ledger's movements of one order, by reference.</summary>
    public async Task<List<LedgerEntry>> EntriesAsync(Guid orderId)
    {
        await using var scope = Host.Services.CreateAsyncScope();
        var prefix = $"order:{orderId}:";
        return await scope.ServiceProvider.GetRequiredService<LedgerDbContext>().LedgerEntries.AsNoTracking()
            .Where(x => x.ReferenceId.StartsWith(prefix)).OrderBy(x => x.Id).ToListAsync();
    }
}
