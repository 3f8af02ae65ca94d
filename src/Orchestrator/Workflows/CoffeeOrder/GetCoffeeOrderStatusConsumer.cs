using MassTransit;
using Sagas.Contracts;

namespace Sagas.Orchestrator.Workflows.CoffeeOrder;

/// <summary>The status query: answered from the saga's row, so asking never locks the order or wakes it.</summary>
public sealed class GetCoffeeOrderStatusConsumer(ILoadSagaRepository<CoffeeOrderState> orders) : IConsumer<GetCoffeeOrderStatus>
{
    public async Task Consume(ConsumeContext<GetCoffeeOrderStatus> context)
    {
        if (await orders.Load(context.Message.CoffeeOrderId) is { } order)
            await context.RespondAsync(order.Status());
        else
            await context.RespondAsync(new CoffeeOrderNotFound(context.Message.CoffeeOrderId));
    }
}
