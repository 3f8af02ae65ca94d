using System.Globalization;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Sagas.ActivityWorkers.Ledger;
using Sagas.Contracts;

namespace Sagas.ActivityWorkers.Mail;

/// <summary>Tells the customer their order shipped; one mail per order however often the step is sent.</summary>
public sealed class SendOrderConfirmationConsumer(LedgerDbContext db, TimeProvider clock) : IConsumer<SendOrderConfirmation>
{
    public static string ReferenceOf(Guid orderId) => $"order:{orderId}:confirmation";

    public async Task Consume(ConsumeContext<SendOrderConfirmation> context)
    {
        var (orderId, customerId, total, shipmentId) = context.Message;
        var reference = ReferenceOf(orderId);
        if (!await db.Set<SentMail>().AnyAsync(x => x.Reference == reference, context.CancellationToken))
        {
            db.Add(new SentMail
            {
                Reference = reference,
                Recipient = customerId,
                Subject = string.Create(CultureInfo.InvariantCulture, $"Order {orderId} confirmed: {total:0.00}, shipment {shipmentId}"),
                SentAt = clock.GetUtcNow().UtcDateTime,
            });
        }

        await context.RespondAsync(new OrderConfirmationSent(orderId));
    }
}
