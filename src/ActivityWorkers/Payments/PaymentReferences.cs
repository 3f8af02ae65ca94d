namespace Sagas.ActivityWorkers.Payments;

/// <summary>Ledger references of an order's money movements, one per leg, so each leg posts once.</summary>
public static class PaymentReferences
{
    public static string Charge(Guid orderId) => $"order:{orderId}:charge";

    public static string ChargeCredit(Guid orderId) => $"order:{orderId}:charge:merchant";

    public static string Refund(Guid orderId) => $"order:{orderId}:refund";

    public static string RefundDebit(Guid orderId) => $"order:{orderId}:refund:merchant";
}
