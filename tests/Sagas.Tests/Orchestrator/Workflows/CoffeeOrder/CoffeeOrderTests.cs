using MassTransit;
using Sagas.Contracts;
using Sagas.Orchestrator.Workflows.CoffeeOrder;
using Sagas.Testing;

namespace Sagas.Tests.Orchestrator.Workflows.CoffeeOrder;

/// <summary>
/// The coffee order on the durable engine with its activities faked (the README's "Write your first
/// workflow" shows these tests): time moves only when a test moves it.
/// </summary>
public sealed class CoffeeOrderTests
{
    static readonly Guid Id = Guid.NewGuid();

    static Task<WorkflowTestHost<CoffeeOrderStateMachine, CoffeeOrderState>> OpenShopAsync(Action<WorkflowTestOptions>? configure = null) =>
        WorkflowTestHost<CoffeeOrderStateMachine, CoffeeOrderState>.StartAsync(shop =>
        {
            shop.Fake<ChargePayment>(f => f.Answer(c => new PaymentCharged(c.OrderId, c.Amount)))
                .Fake<RefundPayment>(f => f.Undo(c => c.OrderId))
                .Fake<ReserveInventory>(f => f.Answer(c => new InventoryReserved(c.OrderId)))
                .Fake<ReleaseInventory>(f => f.Undo(c => c.OrderId))
                .Fake<PrepareBeverage>(f => f.Answer(c => new BeveragePrepared(c.CoffeeOrderId)))
                .Fake<NotifyCustomer>(f => f.Answer(c => new CustomerNotified(c.CoffeeOrderId)))
                .Consumer<GetCoffeeOrderStatusConsumer>();
            configure?.Invoke(shop);
        });

    static StartCoffeeOrder Latte => new() { CoffeeOrderId = Id, CustomerId = "ada", Beverage = "latte" };

    [Fact]
    public async Task A_latte_is_paid_for_prepared_and_the_customer_told()
    {
        await using var shop = await OpenShopAsync();

        await shop.PublishAsync(Latte);

        await shop.AssertPathAsync(Id, "Paying", "TakingIngredients", "Preparing", "Notifying", "Completed");
        Assert.Equal(3.40m, Assert.Single(shop.Fake<ChargePayment>().Received).Amount);
    }

    [Fact]
    public async Task A_barista_who_walks_away_is_replaced_after_the_heartbeat_timeout_and_the_next_one_carries_on()
    {
        await using var shop = await OpenShopAsync(o => o.Fake<PrepareBeverage>(f => f.Do(async call =>
        {
            if (call.Attempt > 1)
            {
                await call.AnswerAsync(new BeveragePrepared(call.Message.CoffeeOrderId));
                return;
            }

            await call.HeartbeatAsync(Id, 1, "grind");
            await call.HeartbeatAsync(Id, 2, "tamp");
        })));

        await shop.PublishAsync(Latte);
        await shop.WaitForAsync(Id, x => x.StepProgress == 2, "to have two stages done");
        await shop.Timeline.AdvanceAsync(TimeSpan.FromSeconds(31));

        await shop.AssertPathAsync(Id, "Paying", "TakingIngredients", "Preparing", "Notifying", "Completed");
        Assert.Equal([0L, 2L], shop.Fake<PrepareBeverage>().Received.Select(c => c.ResumeFrom));
    }

    [Fact]
    public async Task A_spoiled_beverage_refunds_the_payment_and_puts_the_ingredients_back()
    {
        await using var shop = await OpenShopAsync(o => o.Fake<PrepareBeverage>(f => f.Answer(c => new BeverageSpoiled(c.CoffeeOrderId, "the milk curdled"))));

        await shop.PublishAsync(Latte);

        await shop.AssertPathAsync(Id, "Paying", "TakingIngredients", "Preparing", "Compensating", "PreparationFailed");
        Assert.Single(shop.Fake<ReleaseInventory>().Received);
        Assert.Equal(3.40m, Assert.Single(shop.Fake<RefundPayment>().Received).Amount);
        Assert.Equal("the milk curdled", (await shop.FindAsync(Id))!.FailureReason);
    }

    [Fact]
    public async Task The_cancel_order_signal_while_it_is_prepared_refunds_it_and_the_status_query_says_so()
    {
        await using var shop = await OpenShopAsync(o => o.Fake<PrepareBeverage>(f => f.Do(call => call.HeartbeatAsync(Id, 1, "grind"))));
        var status = shop.Bus.CreateRequestClient<GetCoffeeOrderStatus>();

        await shop.PublishAsync(Latte);
        await shop.WaitForAsync(Id, x => x.StepProgress == 1, "to have the beans ground");
        var preparing = await status.GetResponse<CoffeeOrderStatus>(new GetCoffeeOrderStatus(Id));
        Assert.Equal(("Preparing", "PrepareBeverage", 1L), (preparing.Message.Status, preparing.Message.Step, preparing.Message.Progress));

        await shop.PublishAsync(new CancelCoffeeOrder(Id, "changed my mind"));

        await shop.AssertPathAsync(Id, "Paying", "TakingIngredients", "Preparing", "Compensating", "Cancelled");
        Assert.Single(shop.Fake<RefundPayment>().Received);
        var cancelled = await status.GetResponse<CoffeeOrderStatus>(new GetCoffeeOrderStatus(Id));
        Assert.Equal(("Cancelled", "cancelled: changed my mind"), (cancelled.Message.Status, cancelled.Message.FailureReason));
    }
}
