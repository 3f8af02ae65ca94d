namespace Sagas.Contracts;

/// <summary>Tells the approver an expense waits for a decision.</summary>
public record NotifyApprover(Guid ExpenseId, string Employee, decimal Amount, string Description);

public record ApproverNotified(Guid ExpenseId, DateTime NotifiedAt);

/// <summary>No decision came in time; scheduled by the saga when it starts waiting.</summary>
public record ExpenseDecisionDue(Guid ExpenseId);
