namespace Sagas.ActivityWorkers.Ledger;

/// <summary>One movement of money. The unique reference makes a repeated activity a no-op.</summary>
public class LedgerEntry
{
    public long Id { get; set; }
    public string ReferenceId { get; set; } = "";
    public string AccountId { get; set; } = "";
    public decimal Amount { get; set; }
    public DateTime CreatedAt { get; set; }
}
