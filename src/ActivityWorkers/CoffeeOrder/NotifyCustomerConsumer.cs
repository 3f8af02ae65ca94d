using MassTransit;
using Microsoft.Extensions.Logging;
using Sagas.Contracts;

namespace Sagas.ActivityWorkers.CoffeeOrder;

/// <summary>Calls the customer's name. A real shop sends a push message here, keyed by the order so that a retry does not send two.</summary>
public sealed class NotifyCustomerConsumer(ILogger<NotifyCustomerConsumer> logger) : IConsumer<NotifyCustomer>
{
    public Task Consume(ConsumeContext<NotifyCustomer> context)
    {
        logger.LogInformation("{Beverage} for {Customer} is ready (order {OrderId})", context.Message.Beverage, context.Message.CustomerId, context.Message.CoffeeOrderId);
        return context.RespondAsync(new CustomerNotified(context.Message.CoffeeOrderId));
    }
}
