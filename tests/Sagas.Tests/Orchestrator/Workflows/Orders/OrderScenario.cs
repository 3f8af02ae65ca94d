using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Sagas.ActivityWorkers.Inventory;
using Sagas.ActivityWorkers.Ledger;
using Sagas.Contracts;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Orchestrator.Workflows.Orders;

/// <summary>
/// Seeded random orders against limited stock and limited money: some skus run out, some
/// customers cannot pay, a few skus cannot be shipped, and a slice of the orders is cancelled
/// at a random moment. Every order activity, undos included, fails a share of its attempts.
/// </summary>
public sealed class OrderScenario
{
    public const string Merchant = "merchant";

    /// <summary>The activities whose attempts fail at random; each is also a queue of its own.</summary>
    public static readonly string[] Activities =
        ["ReserveInventory", "ReleaseInventory", "ChargePayment", "RefundPayment", "CreateShipment", "SendOrderConfirmation"];

    public OrderScenario(int orders, int seed, int skus = 40, int customers = 200, int unshippable = 3, double cancelled = 0.1)
    {
        var random = new Random(seed);
        // Demand averages four units a line over two lines, so the stock of a sku covers about its share of the orders:
        // the busy ones run out, and releases put units back for later orders.
        var perSku = orders * 4 / skus;
        Stock = [.. Enumerable.Range(1, skus).Select(i => ($"sku-{i:D3}", random.Next(perSku / 5, perSku)))];
        Unshippable = [.. Stock.Select(x => x.Sku).OrderBy(_ => random.Next()).Take(unshippable)];
        // Some customers have nothing, most can pay for a few of their orders but not all.
        var orderTotal = 2 * 2 * 50m;
        var perCustomer = orderTotal * orders / customers;
        Customers = [.. Enumerable.Range(1, customers).Select(i => ($"customer-{i:D4}", random.Next(10) == 0 ? 0m : Cents(random, perCustomer)))];
        Orders = [.. Enumerable.Range(0, orders).Select(_ => new StartOrder
        {
            OrderId = Guid.NewGuid(),
            CustomerId = Customers[random.Next(Customers.Count)].Id,
            Items = [.. Stock.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).Select(item => new OrderLine
            {
                Sku = item.Sku,
                Quantity = random.Next(1, 4),
                Price = Cents(random, 100m),
            })],
        })];
        Cancels = [.. Orders.Where(_ => random.NextDouble() < cancelled)
            .Select(order => (order.OrderId, TimeSpan.FromMilliseconds(random.Next(0, 8000))))];
    }

    public List<(string Sku, int Quantity)> Stock { get; }

    public List<string> Unshippable { get; }

    public List<(string Id, decimal Balance)> Customers { get; }

    public List<StartOrder> Orders { get; }

    /// <summary>Orders to cancel, each this long after its start was published.</summary>
    public List<(Guid OrderId, TimeSpan After)> Cancels { get; }

    public IReadOnlyCollection<Guid> Ids => Orders.Select(x => x.OrderId).ToHashSet();

    /// <summary>
    /// Faults in every order activity, with short retries so a failed attempt comes again soon,
    /// and step timeouts long enough for the burst's queues (see <paramref name="startToClose"/>).
    /// A delivery whose <paramref name="immediateRetries"/> all fail is redelivered through the
    /// scheduler; the undos are few, so they retry only that way, or some runs would redeliver none.
    /// </summary>
    public void Configure(Dictionary<string, string?> settings, double failureRate, TimeSpan startToClose, int immediateRetries)
    {
        for (var i = 0; i < Unshippable.Count; i++)
            settings[$"Sagas:Activities:CreateShipment:UnshippableSkus:{i}"] = Unshippable[i];
        foreach (var activity in Activities)
        {
            var prefix = $"Sagas:Activities:{activity}";
            settings[$"{prefix}:Faults:FailureRate"] = failureRate.ToString(CultureInfo.InvariantCulture);
            settings[$"{prefix}:Retry:Immediate"] = activity is "ReleaseInventory" or "RefundPayment" ? "0" : immediateRetries.ToString(CultureInfo.InvariantCulture);
            settings[$"{prefix}:Retry:InitialInterval"] = "00:00:00.200";
            settings[$"{prefix}:Retry:MaxInterval"] = "00:00:02";
            settings[$"{prefix}:StartToClose"] = startToClose.ToString("c", CultureInfo.InvariantCulture);
        }
    }

    public async Task SeedAsync(OrchestratorHost host)
    {
        await host.OpenAccountsAsync([.. Customers, (Merchant, 0m)]);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LedgerDbContext>();
        db.AddRange(Stock.Select(x => new InventoryItem { Sku = x.Sku, Quantity = x.Quantity }));
        await db.SaveChangesAsync();
    }

    /// <summary>Publishes every order at once and each cancel at its moment; returns how many cancels were sent.</summary>
    public async Task PlaceAsync(OrchestratorHost host)
    {
        var started = Orders.ToDictionary(x => x.OrderId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        var cancelling = Cancels.Select(async cancel =>
        {
            await started[cancel.OrderId].Task;
            await Task.Delay(cancel.After);
            await host.Bus.Publish(new CancelOrder(cancel.OrderId, "changed my mind"));
        }).ToList();

        await Parallel.ForEachAsync(Orders, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (order, _) =>
        {
            await host.Bus.Publish(order);
            started[order.OrderId].SetResult();
        });
        await Task.WhenAll(cancelling);
    }

    static decimal Cents(Random random, decimal max) => random.Next(1, (int)(max * 100) + 1) / 100m;
}
