namespace Sagas.ActivityWorkers.Payments;

/// <summary>
/// An order's payment, one row per order: the first answer to its charge for good. A refund
/// before any charge leaves a voided row, so a late charge is declined.
/// </summary>
public class Payment
{
    public Guid OrderId { get; set; }
    public string CustomerId { get; set; } = "";

    /// <summary>The account the charge paid into, so a refund takes it back from there whatever the settings say by then.</summary>
    public string MerchantAccount { get; set; } = "";

    public decimal Amount { get; set; }
    public PaymentStatus Status { get; set; }
    public string? Reason { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
}

public enum PaymentStatus
{
    Charged,
    Refunded,
    Voided,
    Declined,
}
