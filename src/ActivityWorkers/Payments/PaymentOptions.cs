namespace Sagas.ActivityWorkers.Payments;

/// <summary>Bound from <c>Sagas:Activities:ChargePayment</c>.</summary>
public sealed class PaymentOptions
{
    /// <summary>The ledger account charges pay into; opened with a zero balance on the first charge if missing.</summary>
    public string MerchantAccount { get; set; } = "merchant";
}
