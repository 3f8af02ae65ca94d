using MassTransit;
using Sagas.Contracts;
using Sagas.Durability.Activities;
using Sagas.Durability.Compensation;

namespace Sagas.Orchestrator.Workflows.Transfers;

/// <summary>
/// Withdraw, then deposit; a rejected deposit is compensated by refunding the withdrawal. Each
/// step is sent again when its activity does not answer in time; a step that never answers needs
/// a person, since its money may or may not have moved.
/// </summary>
public class TransferStateMachine : CompensatingStateMachine<TransferState>
{
    public const string WithdrawStep = "Withdraw";
    public const string DepositStep = "Deposit";

    public TransferStateMachine(ActivitySteps steps)
        : base(steps)
    {
        Event(() => StartTransfer, e => e.CorrelateById(m => m.Message.TransferId));
        Event(() => WithdrawCompleted, e => e.CorrelateById(m => m.Message.TransferId));
        Event(() => WithdrawRejected, e => e.CorrelateById(m => m.Message.TransferId));
        Event(() => DepositCompleted, e => e.CorrelateById(m => m.Message.TransferId));
        Event(() => DepositRejected, e => e.CorrelateById(m => m.Message.TransferId));
        Succeeded(Completed);
        Terminal(Failed, Refunded);

        Initially(
            WhenStarted(StartTransfer, TransferValidation.Problem,
                valid => valid
                    .Then(x => Start(x.Saga, x.Message))
                    .StartStep(steps, WithdrawStep, x => Withdraw(x.Saga))
                    .TransitionTo(Withdrawing),
                invalid => invalid
                    .Then(x => Start(x.Saga, x.Message))
                    .TransitionTo(Failed)
                    .Publish(x => new TransferFailed(x.Saga.CorrelationId, x.Saga.FailureReason!, Refunded: false))));

        During(Withdrawing,
            When(WithdrawCompleted)
                .RecordCompensation(WithdrawStep, x => Refund(x.Saga))
                .StartStep(steps, DepositStep, x => Deposit(x.Saga))
                .TransitionTo(Depositing),
            When(WithdrawRejected)
                .EndStep()
                .Then(x => x.Saga.FailureReason = x.Message.Reason)
                .Publish(x => new TransferFailed(x.Saga.CorrelationId, x.Message.Reason, Refunded: false))
                .TransitionTo(Failed),
            RetryOrGiveUp(x => Withdraw(x.Saga), giveUp => giveUp.GiveUp().TransitionTo(NeedsAttention)));

        During(Depositing,
            When(DepositCompleted)
                .EndStep()
                // Once the money has arrived, a refund alone would create money: a done transfer has nothing left to undo.
                .ForgetCompensation(WithdrawStep)
                .Publish(x => new TransferCompleted(x.Saga.CorrelationId, x.Saga.FromAccount, x.Saga.ToAccount, x.Saga.Amount))
                .TransitionTo(Completed),
            When(DepositRejected)
                .Compensate(x => x.Message.Reason, Refunded),
            RetryOrGiveUp(x => Deposit(x.Saga), giveUp => giveUp.GiveUp().TransitionTo(NeedsAttention)));

        WhenEnter(Refunded, x => x.Publish(x => new TransferFailed(x.Saga.CorrelationId, x.Saga.FailureReason!, Refunded: true)));
        WhenEnter(NeedsAttention, x => x.Publish(x => new TransferNeedsAttention(x.Saga.CorrelationId, x.Saga.FromAccount, x.Saga.Amount, x.Saga.FailureReason!)));
    }

    /// <summary>
    /// A refund while the withdrawal or the deposit may still land could pay twice, and the ledger
    /// keeps no tombstone to stop a late one; so a running transfer is left to finish or terminated.
    /// </summary>
    public override string? RefuseCancel(TransferState saga) =>
        base.RefuseCancel(saga) ?? "a transfer cannot be undone while money is in flight; terminate it instead";

    public State Withdrawing { get; private set; } = null!;
    public State Depositing { get; private set; } = null!;
    public State Completed { get; private set; } = null!;
    public State Failed { get; private set; } = null!;
    public State Refunded { get; private set; } = null!;

    public Event<StartTransfer> StartTransfer { get; private set; } = null!;
    public Event<WithdrawCompleted> WithdrawCompleted { get; private set; } = null!;
    public Event<WithdrawRejected> WithdrawRejected { get; private set; } = null!;
    public Event<DepositCompleted> DepositCompleted { get; private set; } = null!;
    public Event<DepositRejected> DepositRejected { get; private set; } = null!;

    static Withdraw Withdraw(TransferState saga) => new(saga.CorrelationId, saga.FromAccount, saga.Amount);

    static Deposit Deposit(TransferState saga) => new(saga.CorrelationId, saga.ToAccount, saga.Amount);

    static Refund Refund(TransferState saga) => new(saga.CorrelationId, saga.FromAccount, saga.Amount);

    static void Start(TransferState saga, StartTransfer message)
    {
        saga.FromAccount = message.FromAccount;
        saga.ToAccount = message.ToAccount;
        saga.Amount = message.Amount;
    }
}
