namespace Sagas.Contracts;

public record Withdraw(Guid TransferId, string Account, decimal Amount);

public record WithdrawCompleted(Guid TransferId);

public record WithdrawRejected(Guid TransferId, string Reason);

public record Deposit(Guid TransferId, string Account, decimal Amount);

public record DepositCompleted(Guid TransferId);

public record DepositRejected(Guid TransferId, string Reason);

/// <summary>Gives a withdrawn amount back to the account it came from.</summary>
public record Refund(Guid TransferId, string Account, decimal Amount);

public record RefundCompleted(Guid TransferId);

public record RefundRejected(Guid TransferId, string Reason);
