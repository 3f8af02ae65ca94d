namespace Sagas.Contracts;

public record TransferCompleted(Guid TransferId, string FromAccount, string ToAccount, decimal Amount);

/// <summary>The transfer did not happen; <see cref="Refunded"/> says whether withdrawn money went back.</summary>
public record TransferFailed(Guid TransferId, string Reason, bool Refunded);

/// <summary>Money was withdrawn and could be neither deposited nor refunded: an operator must act.</summary>
public record TransferNeedsAttention(Guid TransferId, string FromAccount, decimal Amount, string Reason);
