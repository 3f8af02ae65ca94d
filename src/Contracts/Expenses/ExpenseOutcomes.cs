namespace Sagas.Contracts;

public record ExpenseApproved(Guid ExpenseId, string Employee, decimal Amount, string By);

/// <summary>The expense will not be paid; <see cref="TimedOut"/> when nobody decided in time.</summary>
public record ExpenseRejected(Guid ExpenseId, string Reason, bool TimedOut);
