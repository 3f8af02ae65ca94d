using Sagas.Contracts;

namespace Sagas.Orchestrator.Workflows.ExpenseApprovals;

/// <summary>One set of rules for a submitted expense, whether it came over HTTP or the bus.</summary>
public static class ExpenseValidation
{
    public static string? Problem(SubmitExpense request)
    {
        if (request.ExpenseId == Guid.Empty)
            return "expenseId is required";
        if (string.IsNullOrWhiteSpace(request.Employee))
            return "employee is required";
        if (request.Employee.Length > 64)
            return "employee must be at most 64 characters";
        if (request.Amount <= 0)
            return "amount must be greater than zero";
        if (string.IsNullOrWhiteSpace(request.Description))
            return "description is required";
        if (request.Description.Length > 512)
            return "description must be at most 512 characters";
        return null;
    }
}
