using Sagas.Contracts;
using Sagas.Orchestrator.Data;
using Sagas.Orchestrator.Sagas;

namespace Sagas.Orchestrator.Workflows.ExpenseApprovals;

/// <summary>Submit and read expenses; decisions go through the generic signal endpoint.</summary>
public sealed class ExpenseEndpoints : IEndpointGroup
{
    public record SubmitExpenseRequest(Guid? ExpenseId, string? Employee, decimal? Amount, string? Description);

    public record ExpenseView(
        Guid ExpenseId, string State, string Employee, decimal Amount, string Description, string? DecidedBy, string? Reason,
        DateTime SubmittedAt, DateTime? DecisionDueAt, DateTime? ApproverNotifiedAt, DateTime? DecidedAt, DateTime? CompletedAt,
        IReadOnlyList<SagaHistoryView> History);

    public void Map(IEndpointRouteBuilder app)
    {
        var expenses = app.MapGroup("/api/expenses").WithTags("Expenses");
        expenses.MapPost("/", SubmitAsync);
        expenses.MapGet("/{id:guid}", GetAsync);
    }

    static readonly StartRoute Start = new("/api/expenses", "expenseId", "expense");

    static Task<IResult> SubmitAsync(SubmitExpenseRequest request, SagaStarts starts, HttpContext http) =>
        starts.StartAsync(http, Start, request, request.ExpenseId, id => new SubmitExpense
        {
            ExpenseId = id,
            Employee = request.Employee ?? "",
            Amount = request.Amount ?? 0,
            Description = request.Description ?? "",
        }, ExpenseValidation.Problem);

    static Task<IResult> GetAsync(Guid id, SagasDbContext db, CancellationToken cancellationToken) =>
        db.ReadAsync<ExpenseApprovalState, ExpenseView>(Start, id, (saga, history) => new ExpenseView(
            saga.CorrelationId, saga.CurrentState, saga.Employee, saga.Amount, saga.Description, saga.DecidedBy, saga.Reason,
            saga.SubmittedAt, saga.DecisionDueAt, saga.ApproverNotifiedAt, saga.DecidedAt, saga.CompletedAt, history), cancellationToken);
}
