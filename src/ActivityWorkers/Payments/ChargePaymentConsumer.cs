using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sagas.ActivityWorkers.Ledger;
using Sagas.Contracts;

namespace Sagas.ActivityWorkers.Payments;

/// <summary>
/// Moves an order's total from the customer's account to the merchant's, both legs in the
/// message's one transaction. The payment row is the answer for good: charged, declined, or
/// voided by a refund that came first.
/// </summary>
public sealed class ChargePaymentConsumer(LedgerDbContext db, LedgerBook ledger, PaymentAccounts accounts, IOptionsMonitor<PaymentOptions> options,
    TimeProvider clock) : IConsumer<ChargePayment>
{
    /// <summary>A charge of nothing or less would move money the wrong way; no repeat of it can succeed.</summary>
    public const string InvalidAmount = "InvalidAmount";

    public async Task Consume(ConsumeContext<ChargePayment> context)
    {
        var (orderId, customerId, amount) = context.Message;
        var merchant = options.CurrentValue.MerchantAccount;
        await accounts.LockAsync(customerId, merchant, context.CancellationToken);

        var payment = await db.Set<Payment>().SingleOrDefaultAsync(x => x.OrderId == orderId, context.CancellationToken)
            ?? await ChargeAsync(orderId, customerId, merchant, amount, context.CancellationToken);

        switch (payment.Status)
        {
            case PaymentStatus.Charged or PaymentStatus.Refunded:
                await context.RespondAsync(new PaymentCharged(orderId, payment.Amount));
                break;
            case PaymentStatus.Voided:
                await context.RespondAsync(new PaymentDeclined(orderId, OrderFailures.Voided));
                break;
            default:
                await context.RespondAsync(new PaymentDeclined(orderId, payment.Reason!));
                break;
        }
    }

    async Task<Payment> ChargeAsync(Guid orderId, string customerId, string merchant, decimal amount, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var payment = new Payment
        {
            OrderId = orderId,
            CustomerId = customerId,
            MerchantAccount = merchant,
            Amount = amount,
            Status = PaymentStatus.Declined,
            CreatedAt = now,
            UpdatedAt = now,
        };
        db.Add(payment);

        // The customer's leg first: it is the one that can be refused, and then nothing has moved.
        payment.Reason = amount <= 0 ? InvalidAmount : await ledger.PostAsync(PaymentReferences.Charge(orderId), customerId, -amount, cancellationToken);
        if (payment.Reason is not null)
            return payment;

        if (await ledger.PostAsync(PaymentReferences.ChargeCredit(orderId), merchant, amount, cancellationToken) is { } failure)
            throw new InvalidOperationException($"The merchant account {merchant} refused the credit of order {orderId}: {failure}");

        payment.Status = PaymentStatus.Charged;
        return payment;
    }
}
