namespace Sagas.Contracts;

/// <summary>Starts an expense approval. Submitting one ExpenseId twice starts one saga.</summary>
public record SubmitExpense
{
    public Guid ExpenseId { get; init; }
    public string Employee { get; init; } = "";
    public decimal Amount { get; init; }
    public string Description { get; init; } = "";
}
