namespace Sagas.Contracts;

/// <summary>Starts a money transfer. Publishing it twice with one TransferId starts one saga.</summary>
public record StartTransfer
{
    public Guid TransferId { get; init; }
    public string FromAccount { get; init; } = "";
    public string ToAccount { get; init; } = "";
    public decimal Amount { get; init; }
}
