namespace Sagas.Contracts;

public record Withdraw(Guid TransferId, string Account, decimal Amount);

public record WithdrawCompleted(Guid TransferId);

public record WithdrawRejected(Guid TransferId, string Reason);

public record Deposit(Guid TransferId, string Account, decimal Amount);

public record DepositCompleted(Guid TransferId);

public record DepositRejected(Guid TransferId, string Reason);

/// <summary>Undoes a withdrawal: gives the amount back to the account it came from.</summary>
public record Refund(Guid TransferId, string Account, decimal Amount);
