using MassTransit;
using Sagas.Contracts;
using Sagas.Durability.Activities;
using Sagas.Durability.Sagas;

namespace Sagas.Orchestrator.Workflows.Transfers;

/// <summary>
/// Withdraw, then deposit; a rejected deposit gives the money back. Each step is sent again
/// when its activity does not answer in time; a step that never answers needs a person, since
/// its money may or may not have moved.
/// </summary>
public class TransferStateMachine : DurableStateMachine<TransferState>
{
    public const string WithdrawStep = "Withdraw";
    public const string DepositStep = "Deposit";
    public const string RefundStep = "Refund";

    public TransferStateMachine(ActivitySteps steps)
    {
        Event(() => StartTransfer, e => e.CorrelateById(m => m.Message.TransferId));
        Event(() => WithdrawCompleted, e => e.CorrelateById(m => m.Message.TransferId));
        Event(() => WithdrawRejected, e => e.CorrelateById(m => m.Message.TransferId));
        Event(() => DepositCompleted, e => e.CorrelateById(m => m.Message.TransferId));
        Event(() => DepositRejected, e => e.CorrelateById(m => m.Message.TransferId));
        Event(() => RefundCompleted, e => e.CorrelateById(m => m.Message.TransferId));
        Event(() => RefundRejected, e => e.CorrelateById(m => m.Message.TransferId));
        Schedule(() => StepTimeout, x => x.StepTimeoutTokenId, s => s.Received = e => e.CorrelateById(m => m.Message.CorrelationId));
        Terminal(Completed, Failed, Refunded, NeedsAttention);

        Initially(
            When(StartTransfer, x => TransferValidation.Problem(x.Message) is not null)
                .Then(x => Start(x.Saga, x.Message, TransferValidation.Problem(x.Message)))
                .TransitionTo(Failed)
                .Publish(x => new TransferFailed(x.Saga.CorrelationId, x.Saga.FailureReason!, Refunded: false)),
            When(StartTransfer, x => TransferValidation.Problem(x.Message) is null)
                .Then(x => Start(x.Saga, x.Message, failure: null))
                .StartStep(StepTimeout, steps, WithdrawStep, x => Withdraw(x.Saga))
                .TransitionTo(Withdrawing));

        During(Withdrawing,
            When(WithdrawCompleted)
                .StartStep(StepTimeout, steps, DepositStep, x => Deposit(x.Saga))
                .TransitionTo(Depositing),
            When(WithdrawRejected)
                .EndStep(StepTimeout)
                .Then(x => x.Saga.FailureReason = x.Message.Reason)
                .Publish(x => new TransferFailed(x.Saga.CorrelationId, x.Message.Reason, Refunded: false))
                .TransitionTo(Failed),
            When(StepTimeout.Received, x => x.HasAttemptsLeft(steps))
                .RetryStep(StepTimeout, steps, x => Withdraw(x.Saga)),
            When(StepTimeout.Received, x => !x.HasAttemptsLeft(steps))
                .Then(x => GiveUp(x))
                .Publish(x => NeedsAttentionFor(x.Saga))
                .TransitionTo(NeedsAttention));

        During(Depositing,
            When(DepositCompleted)
                .EndStep(StepTimeout)
                .Publish(x => new TransferCompleted(x.Saga.CorrelationId, x.Saga.FromAccount, x.Saga.ToAccount, x.Saga.Amount))
                .TransitionTo(Completed),
            When(DepositRejected)
                .Then(x => x.Saga.FailureReason = x.Message.Reason)
                .StartStep(StepTimeout, steps, RefundStep, x => Refund(x.Saga))
                .TransitionTo(Refunding),
            When(StepTimeout.Received, x => x.HasAttemptsLeft(steps))
                .RetryStep(StepTimeout, steps, x => Deposit(x.Saga)),
            When(StepTimeout.Received, x => !x.HasAttemptsLeft(steps))
                .Then(x => GiveUp(x))
                .Publish(x => NeedsAttentionFor(x.Saga))
                .TransitionTo(NeedsAttention));

        During(Refunding,
            When(RefundCompleted)
                .EndStep(StepTimeout)
                .Publish(x => new TransferFailed(x.Saga.CorrelationId, x.Saga.FailureReason!, Refunded: true))
                .TransitionTo(Refunded),
            When(RefundRejected)
                .EndStep(StepTimeout)
                .Then(x => x.Saga.FailureReason = $"{x.Saga.FailureReason}; refund rejected: {x.Message.Reason}")
                .Publish(x => NeedsAttentionFor(x.Saga))
                .TransitionTo(NeedsAttention),
            When(StepTimeout.Received, x => x.HasAttemptsLeft(steps))
                .RetryStep(StepTimeout, steps, x => Refund(x.Saga)),
            When(StepTimeout.Received, x => !x.HasAttemptsLeft(steps))
                .Then(x => GiveUp(x))
                .Publish(x => NeedsAttentionFor(x.Saga))
                .TransitionTo(NeedsAttention));

        DuringAny(Ignore(StartTransfer));

        // A step's outcome can arrive again after the saga moved on (the activity ran twice,
        // each time idempotently); the first answer counted.
        During([Depositing, Refunding, Completed, Failed, Refunded, NeedsAttention], Ignore(WithdrawCompleted), Ignore(WithdrawRejected));
        During([Refunding, Completed, Refunded, NeedsAttention], Ignore(DepositCompleted), Ignore(DepositRejected));
        During(Refunded, NeedsAttention, Ignore(RefundCompleted), Ignore(RefundRejected));
    }

    public State Withdrawing { get; private set; } = null!;
    public State Depositing { get; private set; } = null!;
    public State Completed { get; private set; } = null!;
    public State Failed { get; private set; } = null!;
    public State Refunding { get; private set; } = null!;
    public State Refunded { get; private set; } = null!;
    public State NeedsAttention { get; private set; } = null!;

    public Event<StartTransfer> StartTransfer { get; private set; } = null!;
    public Event<WithdrawCompleted> WithdrawCompleted { get; private set; } = null!;
    public Event<WithdrawRejected> WithdrawRejected { get; private set; } = null!;
    public Event<DepositCompleted> DepositCompleted { get; private set; } = null!;
    public Event<DepositRejected> DepositRejected { get; private set; } = null!;
    public Event<RefundCompleted> RefundCompleted { get; private set; } = null!;
    public Event<RefundRejected> RefundRejected { get; private set; } = null!;

    public Schedule<TransferState, StepTimedOut> StepTimeout { get; private set; } = null!;

    static Withdraw Withdraw(TransferState saga) => new(saga.CorrelationId, saga.FromAccount, saga.Amount);

    static Deposit Deposit(TransferState saga) => new(saga.CorrelationId, saga.ToAccount, saga.Amount);

    static Refund Refund(TransferState saga) => new(saga.CorrelationId, saga.FromAccount, saga.Amount);

    static TransferNeedsAttention NeedsAttentionFor(TransferState saga) =>
        new(saga.CorrelationId, saga.FromAccount, saga.Amount, saga.FailureReason!);

    static void GiveUp(BehaviorContext<TransferState, StepTimedOut> context)
    {
        var reason = context.GaveUpReason();
        context.Saga.FailureReason = context.Saga.FailureReason is null ? reason : $"{context.Saga.FailureReason}; {reason}";
        context.Saga.CurrentStep = null;
    }

    static void Start(TransferState saga, StartTransfer message, string? failure)
    {
        saga.FromAccount = message.FromAccount;
        saga.ToAccount = message.ToAccount;
        saga.Amount = message.Amount;
        saga.FailureReason = failure;
    }
}
