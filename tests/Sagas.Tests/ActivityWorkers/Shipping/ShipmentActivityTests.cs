using Sagas.ActivityWorkers.Inventory;
using Sagas.ActivityWorkers.Mail;
using Sagas.ActivityWorkers.Shipping;
using Sagas.Contracts;
using Sagas.Durability.Compensation;
using Sagas.Tests.Infrastructure;
using static Sagas.Tests.ActivityWorkers.OrderActivityStack;

namespace Sagas.Tests.ActivityWorkers.Shipping;

/// <summary>Shipping takes reserved units out of the stock once; the confirmation mail goes out once.</summary>
public sealed class ShipmentActivityTests
{
    [Theory]
    [InlineData(Embedded)]
    [InlineData(Real)]
    public Task A_shipment_consumes_the_reserved_stock_once_and_a_repeat_returns_its_id(string stack) => RunAsync(stack, async orders =>
    {
        await orders.StockAsync(("apple", 10), ("pear", 4));
        var orderId = Guid.NewGuid();
        Assert.IsType<InventoryReserved>(await orders.ReserveAsync(orderId, ("apple", 3), ("pear", 4)));

        var created = Assert.IsType<ShipmentCreated>(await orders.ShipAsync(orderId, ("apple", 3), ("pear", 4)));
        var again = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => orders.ShipAsync(orderId, ("apple", 3), ("pear", 4))));

        Assert.All(again, answer => Assert.Equal(created, answer));
        Assert.Equal((7, 0), await orders.ItemAsync("apple"));
        Assert.Equal((0, 0), await orders.ItemAsync("pear"));
        Assert.Equal(InventoryHoldStatus.Shipped, (await orders.HoldAsync(orderId))!.Status);
        Assert.Equal(created.ShipmentId, Assert.Single(await orders.ShipmentsAsync(orderId)).ShipmentId);

        // Shipped units cannot be put back by the order's undo; the reserve sent again still stands.
        var refused = Assert.IsType<CompensationFailed>(await orders.ReleaseAsync(orderId));
        Assert.Contains("shipped", refused.Reason, StringComparison.Ordinal);
        Assert.IsType<InventoryReserved>(await orders.ReserveAsync(orderId, ("apple", 3), ("pear", 4)));
        Assert.Equal((7, 0), await orders.ItemAsync("apple"));
    });

    [Theory]
    [InlineData(Embedded)]
    [InlineData(Real)]
    public Task An_unshippable_sku_is_refused_and_its_units_stay_reserved_until_released(string stack) => RunAsync(stack, async orders =>
    {
        await orders.StockAsync(("apple", 10), ("glass", 2));
        var orderId = Guid.NewGuid();
        Assert.IsType<InventoryReserved>(await orders.ReserveAsync(orderId, ("apple", 1), ("glass", 1)));

        Assert.Equal(new ShipmentRejected(orderId, OrderFailures.Unshippable), await orders.ShipAsync(orderId, ("apple", 1), ("glass", 1)));
        Assert.Equal((10, 1), await orders.ItemAsync("apple"));
        Assert.Equal((2, 1), await orders.ItemAsync("glass"));
        Assert.Equal(InventoryHoldStatus.Reserved, (await orders.HoldAsync(orderId))!.Status);
        Assert.Equal(ShipmentStatus.Rejected, Assert.Single(await orders.ShipmentsAsync(orderId)).Status);

        Assert.IsType<CompensationCompleted>(await orders.ReleaseAsync(orderId));
        Assert.Equal((2, 0), await orders.ItemAsync("glass"));
    }, settings => settings["Sagas:Activities:CreateShipment:UnshippableSkus:0"] = "glass");

    [Theory]
    [InlineData(Embedded)]
    [InlineData(Real)]
    public Task A_released_order_is_not_shipped(string stack) => RunAsync(stack, async orders =>
    {
        await orders.StockAsync(("apple", 10));
        var orderId = Guid.NewGuid();
        Assert.IsType<InventoryReserved>(await orders.ReserveAsync(orderId, ("apple", 2)));
        Assert.IsType<CompensationCompleted>(await orders.ReleaseAsync(orderId));

        Assert.Equal(new ShipmentRejected(orderId, OrderFailures.Released), await orders.ShipAsync(orderId, ("apple", 2)));
        Assert.Equal((10, 0), await orders.ItemAsync("apple"));
    });

    [Fact]
    public Task The_confirmation_mail_goes_out_once_however_often_it_is_asked_for() => RunAsync(Embedded, async orders =>
    {
        var orderId = Guid.NewGuid();

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => orders.ConfirmAsync(orderId, "SHP-1")));
        Assert.Equal(new OrderConfirmationSent(orderId), await orders.ConfirmAsync(orderId, "SHP-1"));

        var mail = Assert.Single(await orders.Host.Services.WorkerRowsAsync<SentMail>(), x => x.Reference == $"order:{orderId}:confirmation");
        Assert.Equal("carol", mail.Recipient);
        Assert.Contains("SHP-1", mail.Subject, StringComparison.Ordinal);
    });
}
