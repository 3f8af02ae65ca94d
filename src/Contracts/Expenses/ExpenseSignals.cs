namespace Sagas.Contracts;

[Signal("approve", nameof(ExpenseId))]
public record ApproveExpense
{
    public Guid ExpenseId { get; init; }
    public string By { get; init; } = "";
    public string? Reason { get; init; }
}

[Signal("reject", nameof(ExpenseId))]
public record RejectExpense
{
    public Guid ExpenseId { get; init; }
    public string By { get; init; } = "";
    public string? Reason { get; init; }
}
