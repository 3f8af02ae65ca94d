using Microsoft.EntityFrameworkCore;
using Sagas.ActivityWorkers.Inventory;
using Sagas.ActivityWorkers.Ledger;
using Sagas.ActivityWorkers.Mail;
using Sagas.ActivityWorkers.Payments;
using Sagas.ActivityWorkers.Shipping;
using Sagas.Contracts;
using Sagas.Orchestrator.Workflows.Orders;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Orchestrator.Workflows.Orders;

/// <summary>Every table an order touches, read after the run, and the invariants they must keep.</summary>
public sealed record OrderBooks(
    IReadOnlyList<OrderState> Sagas,
    IReadOnlyList<Account> Accounts,
    IReadOnlyList<LedgerEntry> Entries,
    IReadOnlyList<InventoryItem> Items,
    IReadOnlyList<InventoryHold> Holds,
    IReadOnlyList<InventoryHoldLine> HoldLines,
    IReadOnlyList<Payment> Payments,
    IReadOnlyList<Shipment> Shipments,
    IReadOnlyList<SentMail> Mails)
{
    public static readonly string[] Endings = ["Completed", "Rejected", "PaymentFailed", "ShipmentFailed", "Cancelled"];

    public static async Task<OrderBooks> ReadAsync(OrchestratorHost host) => new(
        await host.QueryAsync(db => db.Set<OrderState>().AsNoTracking().ToListAsync()),
        await host.AccountsAsync(),
        await host.LedgerEntriesAsync(),
        await host.Services.WorkerRowsAsync<InventoryItem>(),
        await host.Services.WorkerRowsAsync<InventoryHold>(),
        await host.Services.WorkerRowsAsync<InventoryHoldLine>(),
        await host.Services.WorkerRowsAsync<Payment>(),
        await host.Services.WorkerRowsAsync<Shipment>(),
        await host.Services.WorkerRowsAsync<SentMail>());

    public void AssertConsistent(OrderScenario scenario)
    {
        AssertEveryOrderEndedOnce(scenario);
        AssertMoneyBalances(scenario);
        AssertStockBalances(scenario);
        foreach (var saga in Sagas)
            AssertEffectsMatch(scenario, saga);
        Assert.All(Endings, ending => Assert.Contains(Sagas, saga => saga.CurrentState == ending));
    }

    void AssertEveryOrderEndedOnce(OrderScenario scenario)
    {
        Assert.Equal(scenario.Orders.Count, scenario.Ids.Count);
        Assert.Equal(scenario.Orders.Count, Sagas.Count);
        Assert.Equal(scenario.Ids.Order(), Sagas.Select(x => x.CorrelationId).Order());
        // A step given up on or an undo refused would end here; neither should happen with every fault transient.
        Assert.True(!Sagas.Any(x => x.CurrentState == "NeedsAttention"),
            "orders needing attention: " + string.Join("; ", Sagas.Where(x => x.CurrentState == "NeedsAttention").Select(x => $"{x.CorrelationId}: {x.FailureReason}")));
        Assert.All(Sagas, saga => Assert.Contains(saga.CurrentState, Endings));
    }

    void AssertMoneyBalances(OrderScenario scenario)
    {
        var completed = Sagas.Where(x => x.CurrentState == "Completed").ToList();
        var opening = scenario.Customers.ToDictionary(x => x.Id, x => x.Balance);
        var balances = Accounts.ToDictionary(x => x.Id, x => x.Balance);

        Assert.Equal(scenario.Customers.Count + 1, Accounts.Count);
        Assert.Equal(scenario.Customers.Sum(x => x.Balance), Accounts.Sum(x => x.Balance));
        Assert.Equal(completed.Sum(x => x.Total), balances[OrderScenario.Merchant]);
        foreach (var (customer, balance) in opening)
            Assert.Equal(balance - completed.Where(x => x.CustomerId == customer).Sum(x => x.Total), balances[customer]);

        // Each leg posts once, and the ledger explains every balance.
        Assert.Equal(Entries.Count, Entries.Select(x => x.ReferenceId).Distinct().Count());
        foreach (var account in Accounts)
            Assert.Equal(opening.GetValueOrDefault(account.Id) + Entries.Where(x => x.AccountId == account.Id).Sum(x => x.Amount), account.Balance);

        var completedIds = completed.Select(x => x.CorrelationId).ToHashSet();
        Assert.DoesNotContain(Payments, x => x.Status == PaymentStatus.Charged && !completedIds.Contains(x.OrderId));
    }

    void AssertStockBalances(OrderScenario scenario)
    {
        var shipped = Sagas.Where(x => x.CurrentState == "Completed").SelectMany(x => x.Items)
            .GroupBy(x => x.Sku).ToDictionary(x => x.Key, x => x.Sum(line => line.Quantity));
        Assert.Equal(scenario.Stock.Count, Items.Count);
        foreach (var (sku, opening) in scenario.Stock)
        {
            var item = Items.Single(x => x.Sku == sku);
            Assert.Equal((sku, opening - shipped.GetValueOrDefault(sku), 0), (sku, item.Quantity, item.Reserved));
        }

        Assert.DoesNotContain(Holds, x => x.Status == InventoryHoldStatus.Reserved);
    }

    void AssertEffectsMatch(OrderScenario scenario, OrderState saga)
    {
        var id = saga.CorrelationId;
        var hold = Holds.SingleOrDefault(x => x.OrderId == id);
        var payment = Payments.SingleOrDefault(x => x.OrderId == id);
        var shipment = Shipments.SingleOrDefault(x => x.OrderId == id);
        var mails = Mails.Count(x => x.Reference == SendOrderConfirmationConsumer.ReferenceOf(id));
        var moved = Entries.Where(x => x.ReferenceId.StartsWith($"order:{id}:", StringComparison.Ordinal)).ToList();
        var unshippable = saga.Items.Any(x => scenario.Unshippable.Contains(x.Sku));
        var what = $"order {id} ({saga.CurrentState}: {saga.FailureReason})";

        if (saga.CurrentState == "Completed")
        {
            Assert.False(unshippable, what);
            Assert.Equal(InventoryHoldStatus.Shipped, hold?.Status);
            Assert.Equal(saga.Items.Select(x => (x.Sku, x.Quantity)).Order(),
                HoldLines.Where(x => x.OrderId == id).Select(x => (x.Sku, x.Quantity)).Order());
            Assert.Equal((PaymentStatus.Charged, saga.Total), (payment?.Status, payment?.Amount));
            Assert.Equal(saga.Total, saga.Charged);
            Assert.Equal((ShipmentStatus.Created, saga.ShipmentId), (shipment?.Status, shipment?.ShipmentId));
            Assert.True(mails == 1, $"{what}: {mails} confirmation mails");
            Assert.Equal([(saga.CustomerId, -saga.Total), (OrderScenario.Merchant, saga.Total)],
                moved.OrderBy(x => x.Id).Select(x => (x.AccountId, x.Amount)));
            return;
        }

        // Nothing kept: no units held or shipped, no money taken, no mail.
        Assert.True(hold is null or { Status: InventoryHoldStatus.Released or InventoryHoldStatus.Rejected }, $"{what}: hold {hold?.Status}");
        Assert.True(payment is null or { Status: PaymentStatus.Declined or PaymentStatus.Voided or PaymentStatus.Refunded }, $"{what}: payment {payment?.Status}");
        Assert.True(shipment is null or { Status: ShipmentStatus.Rejected }, $"{what}: shipment {shipment?.Status}");
        Assert.True(mails == 0, $"{what}: {mails} confirmation mails");
        Assert.All(moved.GroupBy(x => x.AccountId), account => Assert.Equal(0m, account.Sum(x => x.Amount)));

        switch (saga.CurrentState)
        {
            case "Rejected":
                Assert.Equal((InventoryHoldStatus.Rejected, OrderFailures.OutOfStock), (hold?.Status, hold?.Reason));
                Assert.Equal(OrderFailures.OutOfStock, saga.FailureReason);
                Assert.Null(payment);
                break;
            case "PaymentFailed":
                Assert.Equal(InventoryHoldStatus.Released, hold?.Status);
                Assert.True(payment is { Status: PaymentStatus.Declined, Reason: LedgerFailures.InsufficientFunds }, $"{what}: payment {payment?.Status} {payment?.Reason}");
                Assert.Empty(moved);
                break;
            case "ShipmentFailed":
                Assert.True(unshippable, what);
                Assert.Equal(InventoryHoldStatus.Released, hold?.Status);
                Assert.Equal((ShipmentStatus.Rejected, OrderFailures.Unshippable), (shipment?.Status, shipment?.Reason));
                Assert.Equal(PaymentStatus.Refunded, payment?.Status);
                Assert.Equal(4, moved.Count);
                break;
            case "Cancelled":
                Assert.Contains(scenario.Cancels, x => x.OrderId == id);
                Assert.Null(shipment);
                break;
        }
    }
}
