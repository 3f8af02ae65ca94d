using Sagas.ActivityWorkers.Inventory;
using Sagas.Contracts;
using Sagas.Durability.Compensation;
using static Sagas.Tests.ActivityWorkers.OrderActivityStack;

namespace Sagas.Tests.ActivityWorkers.Inventory;

/// <summary>Reserve and release on SQLite in process and on PostgreSQL + RabbitMQ: all lines or none, and the first answer stands.</summary>
public sealed class InventoryActivityTests
{
    [Theory]
    [InlineData(Embedded)]
    [InlineData(Real)]
    public Task A_reserve_then_a_release_gives_the_units_back_and_the_order_can_reserve_no_more(string stack) => RunAsync(stack, async orders =>
    {
        await orders.StockAsync(("apple", 10), ("pear", 5));
        var orderId = Guid.NewGuid();

        Assert.Equal(new InventoryReserved(orderId), await orders.ReserveAsync(orderId, ("apple", 3), ("pear", 2), ("apple", 1)));
        Assert.Equal((10, 4), await orders.ItemAsync("apple"));
        Assert.Equal((5, 2), await orders.ItemAsync("pear"));
        Assert.Equal(InventoryHoldStatus.Reserved, (await orders.HoldAsync(orderId))!.Status);

        Assert.IsType<CompensationCompleted>(await orders.ReleaseAsync(orderId));
        Assert.Equal((10, 0), await orders.ItemAsync("apple"));
        Assert.Equal((5, 0), await orders.ItemAsync("pear"));
        Assert.Equal(InventoryHoldStatus.Released, (await orders.HoldAsync(orderId))!.Status);

        // The undo sent again gives nothing back twice; the reserve sent again holds nothing.
        Assert.IsType<CompensationCompleted>(await orders.ReleaseAsync(orderId));
        Assert.Equal(new InventoryRejected(orderId, OrderFailures.Released), await orders.ReserveAsync(orderId, ("apple", 3), ("pear", 2), ("apple", 1)));
        Assert.Equal((10, 0), await orders.ItemAsync("apple"));
        Assert.Equal((5, 0), await orders.ItemAsync("pear"));
    });

    [Theory]
    [InlineData(Embedded)]
    [InlineData(Real)]
    public Task A_release_before_any_reserve_leaves_a_tombstone_that_refuses_the_late_reserve(string stack) => RunAsync(stack, async orders =>
    {
        await orders.StockAsync(("apple", 10));
        var orderId = Guid.NewGuid();

        Assert.IsType<CompensationCompleted>(await orders.ReleaseAsync(orderId));
        Assert.Equal(InventoryHoldStatus.Released, (await orders.HoldAsync(orderId))!.Status);

        Assert.Equal(new InventoryRejected(orderId, OrderFailures.Released), await orders.ReserveAsync(orderId, ("apple", 3)));
        Assert.Equal((10, 0), await orders.ItemAsync("apple"));
        Assert.Empty(await orders.HoldLinesAsync(orderId));
    });

    [Theory]
    [InlineData(Embedded)]
    [InlineData(Real)]
    public Task An_order_shortOfStockof_stock_or_naming_an_unknown_sku_reserves_nothing_and_stays_refused(string stack) => RunAsync(stack, async orders =>
    {
        await orders.StockAsync(("apple", 2), ("pear", 5));
        var (shortOfStock, unknown) = (Guid.NewGuid(), Guid.NewGuid());

        Assert.Equal(new InventoryRejected(shortOfStock, OrderFailures.OutOfStock), await orders.ReserveAsync(shortOfStock, ("pear", 1), ("apple", 3)));
        Assert.Equal(new InventoryRejected(unknown, OrderFailures.UnknownSku), await orders.ReserveAsync(unknown, ("pear", 1), ("plum", 1)));
        Assert.Equal((2, 0), await orders.ItemAsync("apple"));
        Assert.Equal((5, 0), await orders.ItemAsync("pear"));

        // Stock arrives; the order's first answer still stands.
        await orders.SetQuantityAsync("apple", 10);
        Assert.Equal(new InventoryRejected(shortOfStock, OrderFailures.OutOfStock), await orders.ReserveAsync(shortOfStock, ("pear", 1), ("apple", 3)));
        Assert.Equal((10, 0), await orders.ItemAsync("apple"));

        // A refused order has nothing to release.
        Assert.IsType<CompensationCompleted>(await orders.ReleaseAsync(shortOfStock));
        Assert.Equal(InventoryHoldStatus.Rejected, (await orders.HoldAsync(shortOfStock))!.Status);
    });

    [Theory]
    [InlineData(Embedded)]
    [InlineData(Real)]
    public Task The_same_reserve_sent_several_times_at_once_reserves_once(string stack) => RunAsync(stack, async orders =>
    {
        await orders.StockAsync(("apple", 10), ("pear", 10));
        var orderId = Guid.NewGuid();

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => orders.ReserveAsync(orderId, ("pear", 2), ("apple", 3))));
        answers = [.. answers, await orders.ReserveAsync(orderId, ("pear", 2), ("apple", 3))];

        Assert.All(answers, answer => Assert.Equal(new InventoryReserved(orderId), answer));
        Assert.Equal((10, 3), await orders.ItemAsync("apple"));
        Assert.Equal((10, 2), await orders.ItemAsync("pear"));
        Assert.Equal(2, (await orders.HoldLinesAsync(orderId)).Count);
    });

    [Theory]
    [InlineData(Embedded)]
    [InlineData(Real)]
    public Task Orders_competing_for_the_last_units_never_reserve_more_than_the_stock(string stack) => RunAsync(stack, async orders =>
    {
        await orders.StockAsync(("apple", 5), ("pear", 5));
        var ids = Enumerable.Range(0, 8).Select(_ => Guid.NewGuid()).ToList();

        // Lines in both orders of skus: locks taken in the order of the lines would deadlock on PostgreSQL.
        var answers = await Task.WhenAll(ids.Select((id, i) => i % 2 == 0
            ? orders.ReserveAsync(id, ("apple", 1), ("pear", 1))
            : orders.ReserveAsync(id, ("pear", 1), ("apple", 1))));

        Assert.Equal(5, answers.Count(x => x is InventoryReserved));
        Assert.Equal(3, answers.OfType<InventoryRejected>().Count(x => x.Reason == OrderFailures.OutOfStock));
        Assert.Equal((5, 5), await orders.ItemAsync("apple"));
        Assert.Equal((5, 5), await orders.ItemAsync("pear"));
    });
}
