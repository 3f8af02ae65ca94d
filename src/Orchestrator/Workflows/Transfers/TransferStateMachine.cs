using MassTransit;
using Sagas.Contracts;
using Sagas.Durability.Sagas;

namespace Sagas.Orchestrator.Workflows.Transfers;

/// <summary>Withdraw, then deposit; a rejected deposit gives the money back.</summary>
public class TransferStateMachine : DurableStateMachine<TransferState>
{
    public TransferStateMachine()
    {
        Event(() => StartTransfer, e => e.CorrelateById(m => m.Message.TransferId));
        Event(() => WithdrawCompleted, e => e.CorrelateById(m => m.Message.TransferId));
        Event(() => WithdrawRejected, e => e.CorrelateById(m => m.Message.TransferId));
        Event(() => DepositCompleted, e => e.CorrelateById(m => m.Message.TransferId));
        Event(() => DepositRejected, e => e.CorrelateById(m => m.Message.TransferId));
        Event(() => RefundCompleted, e => e.CorrelateById(m => m.Message.TransferId));
        Event(() => RefundRejected, e => e.CorrelateById(m => m.Message.TransferId));
        Terminal(Completed, Failed, Refunded, NeedsAttention);

        Initially(
            When(StartTransfer, x => TransferValidation.Problem(x.Message) is not null)
                .Then(x => Start(x.Saga, x.Message, TransferValidation.Problem(x.Message)))
                .TransitionTo(Failed)
                .Publish(x => new TransferFailed(x.Saga.CorrelationId, x.Saga.FailureReason!, Refunded: false)),
            When(StartTransfer, x => TransferValidation.Problem(x.Message) is null)
                .Then(x => Start(x.Saga, x.Message, failure: null))
                .Publish(x => new Withdraw(x.Saga.CorrelationId, x.Saga.FromAccount, x.Saga.Amount))
                .TransitionTo(Withdrawing));

        During(Withdrawing,
            When(WithdrawCompleted)
                .Publish(x => new Deposit(x.Saga.CorrelationId, x.Saga.ToAccount, x.Saga.Amount))
                .TransitionTo(Depositing),
            When(WithdrawRejected)
                .Then(x => x.Saga.FailureReason = x.Message.Reason)
                .Publish(x => new TransferFailed(x.Saga.CorrelationId, x.Message.Reason, Refunded: false))
                .TransitionTo(Failed));

        During(Depositing,
            When(DepositCompleted)
                .Publish(x => new TransferCompleted(x.Saga.CorrelationId, x.Saga.FromAccount, x.Saga.ToAccount, x.Saga.Amount))
                .TransitionTo(Completed),
            When(DepositRejected)
                .Then(x => x.Saga.FailureReason = x.Message.Reason)
                .Publish(x => new Refund(x.Saga.CorrelationId, x.Saga.FromAccount, x.Saga.Amount))
                .TransitionTo(Refunding));

        During(Refunding,
            When(RefundCompleted)
                .Publish(x => new TransferFailed(x.Saga.CorrelationId, x.Saga.FailureReason!, Refunded: true))
                .TransitionTo(Refunded),
            When(RefundRejected)
                .Then(x => x.Saga.FailureReason = $"{x.Saga.FailureReason}; refund rejected: {x.Message.Reason}")
                .Publish(x => new TransferNeedsAttention(x.Saga.CorrelationId, x.Saga.FromAccount, x.Saga.Amount, x.Saga.FailureReason!))
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

    static void Start(TransferState saga, StartTransfer message, string? failure)
    {
        saga.FromAccount = message.FromAccount;
        saga.ToAccount = message.ToAccount;
        saga.Amount = message.Amount;
        saga.FailureReason = failure;
    }
}
