using MassTransit;
using Sagas.Contracts;
using Sagas.Orchestrator.Data;

namespace Sagas.Orchestrator.Workflows.Orders;

/// <summary>Answers <see cref="GetOrderStatus"/> for running and finished orders alike.</summary>
public sealed class GetOrderStatusConsumer(SagasDbContext db) : IConsumer<GetOrderStatus>
{
    public async Task Consume(ConsumeContext<GetOrderStatus> context)
    {
        if (await OrderStatusQuery.FindAsync(db, context.Message.OrderId, context.CancellationToken) is { } status)
            await context.RespondAsync(status);
        else
            await context.RespondAsync(new OrderNotFound(context.Message.OrderId));
    }
}
