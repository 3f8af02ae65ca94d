using MassTransit;
using Sagas.Contracts;
using Sagas.Durability.Activities;

namespace Sagas.Orchestrator.Workflows.ExpenseApprovals;

/// <summary>Tells the approver, then waits up to a week for approve or reject; silence rejects.</summary>
public class ExpenseApprovalStateMachine : SteppingStateMachine<ExpenseApprovalState>
{
    public static readonly TimeSpan DecisionTime = TimeSpan.FromDays(7);
    public const string NotifyApproverStep = "NotifyApprover";

    /// <param name="configuration">
    /// <c>Sagas:Workflows:ExpenseApproval:DecisionTime</c> shortens the week, for drills that must see deadlines pass.
    /// </param>
    public ExpenseApprovalStateMachine(TimeProvider clock, ActivitySteps steps, IConfiguration? configuration = null)
        : base(steps, clock)
    {
        var decisionTime = configuration?.GetValue<TimeSpan?>("Sagas:Workflows:ExpenseApproval:DecisionTime") ?? DecisionTime;
        // Waiting a week for a person is this workflow's normal; quiet past the deadline is not.
        Stuck(DecisionTime + TimeSpan.FromDays(1));
        Event(() => SubmitExpense, e => e.CorrelateById(m => m.Message.ExpenseId));
        Event(() => ApproverNotified, e => e.CorrelateById(m => m.Message.ExpenseId));
        // A signal for an expense nobody submitted has nothing to act on; the API answers 404 for it.
        Event(() => ApproveExpense, e =>
        {
            e.CorrelateById(m => m.Message.ExpenseId);
            e.OnMissingInstance(m => m.Discard());
        });
        Event(() => RejectExpense, e =>
        {
            e.CorrelateById(m => m.Message.ExpenseId);
            e.OnMissingInstance(m => m.Discard());
        });
        Schedule(() => DecisionTimeout, x => x.DecisionTimeoutTokenId, s => s.Received = r => r.CorrelateById(m => m.Message.ExpenseId));
        Succeeded(Approved);
        Terminal(Rejected, TimedOut);

        Initially(
            WhenStarted(SubmitExpense, ExpenseValidation.Problem,
                valid => valid
                    .Then(x => Submit(x.Saga, x.Message, clock, decisionTime))
                    .StartStep(steps, NotifyApproverStep, x => Notify(x.Saga))
                    // An absolute time on the saga's own clock, so the deadline shown is the one that fires.
                    .Schedule(DecisionTimeout, x => new ExpenseDecisionDue(x.Saga.CorrelationId), x => x.Saga.DecisionDueAt!.Value)
                    .TransitionTo(AwaitingDecision),
                invalid => invalid
                    .Then(x => Submit(x.Saga, x.Message, clock, decisionTime))
                    .TransitionTo(Rejected)
                    .Publish(x => new ExpenseRejected(x.Saga.CorrelationId, x.Saga.Reason!, TimedOut: false))));

        During(AwaitingDecision,
            When(ApproveExpense)
                .Then(x => Decide(x.Saga, x.Message.By, x.Message.Reason, clock))
                .Unschedule(DecisionTimeout)
                .EndStep()
                .Publish(x => new ExpenseApproved(x.Saga.CorrelationId, x.Saga.Employee, x.Saga.Amount, x.Saga.DecidedBy!))
                .TransitionTo(Approved),
            When(RejectExpense)
                .Then(x => Decide(x.Saga, x.Message.By, x.Message.Reason ?? $"rejected by {x.Message.By}", clock))
                .Unschedule(DecisionTimeout)
                .EndStep()
                .Publish(x => new ExpenseRejected(x.Saga.CorrelationId, x.Saga.Reason!, TimedOut: false))
                .TransitionTo(Rejected),
            // Telling the approver is retried for as long as the decision is awaited.
            RetryUntilAnswered(x => Notify(x.Saga)),
            When(DecisionTimeout.Received)
                .EndStep()
                .Then(x => x.Saga.Reason = $"no decision within {DecisionTime.TotalDays} days")
                .Publish(x => new ExpenseRejected(x.Saga.CorrelationId, x.Saga.Reason!, TimedOut: true))
                .TransitionTo(TimedOut));

        // The notice can be confirmed after a quick decision; the time it went out still matters.
        DuringAny(
            When(ApproverNotified)
                .If(x => x.Saga.CurrentStep == NotifyApproverStep, waiting => waiting.EndStep())
                .Then(x => x.Saga.ApproverNotifiedAt ??= x.Message.NotifiedAt));

        // The first decision counts: a late signal, or a timer that fired anyway, is ignored as any event a state does not handle.
    }

    public State AwaitingDecision { get; private set; } = null!;
    public State Approved { get; private set; } = null!;
    public State Rejected { get; private set; } = null!;
    public State TimedOut { get; private set; } = null!;

    public Event<SubmitExpense> SubmitExpense { get; private set; } = null!;
    public Event<ApproverNotified> ApproverNotified { get; private set; } = null!;
    public Event<ApproveExpense> ApproveExpense { get; private set; } = null!;
    public Event<RejectExpense> RejectExpense { get; private set; } = null!;
    public Schedule<ExpenseApprovalState, ExpenseDecisionDue> DecisionTimeout { get; private set; } = null!;

    static NotifyApprover Notify(ExpenseApprovalState saga) => new(saga.CorrelationId, saga.Employee, saga.Amount, saga.Description);

    static void Submit(ExpenseApprovalState saga, SubmitExpense message, TimeProvider clock, TimeSpan decisionTime)
    {
        // An invalid request is kept as a rejected saga, so an over-long field must still fit its column.
        saga.Employee = Clip(message.Employee, 64);
        saga.Amount = message.Amount;
        saga.Description = Clip(message.Description, 512);
        saga.SubmittedAt = clock.GetUtcNow().UtcDateTime;
        saga.DecisionDueAt = saga.FailureReason is null ? saga.SubmittedAt + decisionTime : null;
        saga.Reason = saga.FailureReason;
    }

    static void Decide(ExpenseApprovalState saga, string by, string? reason, TimeProvider clock)
    {
        saga.DecidedBy = Clip(by, 64);
        saga.Reason = reason is null ? null : Clip(reason, 512);
        saga.DecidedAt = clock.GetUtcNow().UtcDateTime;
    }

    static string Clip(string value, int length) => value.Length <= length ? value : value[..length];
}
