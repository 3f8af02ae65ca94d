using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sagas.ActivityWorkers.Ledger;
using Sagas.Contracts;
using Sagas.Durability.Compensation;

namespace Sagas.ActivityWorkers.Payments;

/// <summary>
/// Undoes an order's charge: the money goes back from the merchant's account to the customer's,
/// both legs in one transaction. Before any charge it voids the payment, so a late charge is declined.
/// </summary>
public sealed class RefundPaymentConsumer(LedgerDbContext db, LedgerBook ledger, PaymentAccounts accounts, IOptionsMonitor<PaymentOptions> options,
    TimeProvider clock) : IConsumer<RefundPayment>
{
    public async Task Consume(ConsumeContext<RefundPayment> context)
    {
        var (orderId, customerId, amount) = context.Message;
        var charged = await db.Set<Payment>().AsNoTracking().SingleOrDefaultAsync(x => x.OrderId == orderId, context.CancellationToken);
        await accounts.LockAsync(charged?.CustomerId ?? customerId, charged?.MerchantAccount ?? options.CurrentValue.MerchantAccount, context.CancellationToken);

        // Read again under the locks: a charge may have committed since.
        var payment = await db.Set<Payment>().SingleOrDefaultAsync(x => x.OrderId == orderId, context.CancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        switch (payment)
        {
            case null:
                db.Add(new Payment
                {
                    OrderId = orderId,
                    CustomerId = customerId,
                    MerchantAccount = options.CurrentValue.MerchantAccount,
                    Amount = amount,
                    Status = PaymentStatus.Voided,
                    CreatedAt = now,
                    UpdatedAt = now,
                });
                break;

            case { Status: PaymentStatus.Charged }:
                // The merchant's leg first: it is the one that can be refused, and then nothing has moved.
                if (await ledger.PostAsync(PaymentReferences.RefundDebit(orderId), payment.MerchantAccount, -payment.Amount, context.CancellationToken) is { } failure)
                {
                    await context.CompensationFailedAsync(orderId, $"The merchant account {payment.MerchantAccount} cannot pay back {payment.Amount}: {failure}");
                    return;
                }

                if (await ledger.PostAsync(PaymentReferences.Refund(orderId), payment.CustomerId, payment.Amount, context.CancellationToken) is { } refused)
                    throw new InvalidOperationException($"The customer account {payment.CustomerId} refused the refund of order {orderId}: {refused}");

                payment.Status = PaymentStatus.Refunded;
                payment.UpdatedAt = now;
                break;
        }

        // Declined, voided or refunded already: no money of this order is held.
        await context.CompensatedAsync(orderId);
    }
}
