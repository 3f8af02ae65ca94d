namespace Sagas.ActivityWorkers.Expenses;

/// <summary>The approver was told about an expense; one row per expense however often the activity runs.</summary>
public class ApprovalNotification
{
    public Guid ExpenseId { get; set; }
    public string Employee { get; set; } = "";
    public decimal Amount { get; set; }
    public string Description { get; set; } = "";
    public DateTime NotifiedAt { get; set; }
}
