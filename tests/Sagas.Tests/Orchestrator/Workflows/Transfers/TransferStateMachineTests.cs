using System.Globalization;
using MassTransit;
using MassTransit.Testing;
using Sagas.Contracts;
using Sagas.Durability.Activities;
using Sagas.Durability.Compensation;
using Sagas.Orchestrator.Workflows.Transfers;
using TransferHarness = Sagas.Tests.Infrastructure.StateMachineHarness<Sagas.Orchestrator.Workflows.Transfers.TransferStateMachine, Sagas.Orchestrator.Workflows.Transfers.TransferState>;

namespace Sagas.Tests.Orchestrator.Workflows.Transfers;

/// <summary>Every transition of <see cref="TransferStateMachine"/>, on MassTransit's in-memory test harness.</summary>
public class TransferStateMachineTests
{
    const string From = "acc-from";
    const string To = "acc-to";
    const decimal Amount = 125.50m;

    [Fact]
    public async Task Valid_start_withdraws_from_the_source_account()
    {
        await using var t = await TransferHarness.StartAsync();
        var id = NewId.NextGuid();

        await t.Deliver(Request(id));

        var saga = await t.InState(id, x => x.Withdrawing);
        Assert.Equal(From, saga.FromAccount);
        Assert.Equal(To, saga.ToAccount);
        Assert.Equal(Amount, saga.Amount);
        Assert.Null(saga.FailureReason);
        Assert.Null(saga.CompletedAt);
        Assert.Equal(new Withdraw(id, From, Amount), await PublishedOnce<Withdraw>(t, id, m => m.TransferId));
        Assert.True(await t.Saga.Created.Any(x => x.CorrelationId == id));
    }

    [Theory]
    [InlineData(From, To, 0, "amount must be greater than zero")]
    [InlineData(From, To, -5, "amount must be greater than zero")]
    [InlineData(From, From, 10, "fromAccount and toAccount must differ")]
    [InlineData("", To, 10, "fromAccount is required")]
    [InlineData(From, "  ", 10, "toAccount is required")]
    public async Task Invalid_start_fails_without_withdrawing(string from, string to, decimal amount, string reason)
    {
        await using var t = await TransferHarness.StartAsync();
        var id = NewId.NextGuid();
        var before = DateTime.UtcNow;

        await t.Deliver(new StartTransfer { TransferId = id, FromAccount = from, ToAccount = to, Amount = amount });

        var saga = await t.InState(id, x => x.Failed);
        Assert.Equal(reason, saga.FailureReason);
        AssertCompletedSince(before, saga);
        Assert.Equal(new TransferFailed(id, reason, Refunded: false), await PublishedOnce<TransferFailed>(t, id, m => m.TransferId));
        Assert.False(await t.Harness.Published.Any<Withdraw>());
    }

    /// <summary>Beyond what the ledger's columns hold: it would round the amount or refuse the account id.</summary>
    [Theory]
    [InlineData("10.005", "amount has more than 2 decimal places")]
    [InlineData("0.001", "amount has more than 2 decimal places")]
    [InlineData("10000000000000000", "amount is more than the ledger holds (9999999999999999.99)")]
    public Task Amounts_the_ledger_cannot_hold_fail_without_withdrawing(string amount, string reason) =>
        Invalid_start_fails_without_withdrawing(From, To, decimal.Parse(amount, CultureInfo.InvariantCulture), reason);

    [Fact]
    public Task An_account_id_longer_than_the_ledger_keeps_fails_without_withdrawing() =>
        Invalid_start_fails_without_withdrawing(new string('a', 65), To, 10, "fromAccount is longer than 64 characters");

    [Fact]
    public async Task Completed_withdrawal_deposits_into_the_destination_account()
    {
        await using var t = await TransferHarness.StartAsync();
        var id = await Withdrawing(t);

        await t.Deliver(new WithdrawCompleted(id));

        var saga = await t.InState(id, x => x.Depositing);
        Assert.Null(saga.CompletedAt);
        Assert.Equal(new Deposit(id, To, Amount), await PublishedOnce<Deposit>(t, id, m => m.TransferId));
    }

    [Theory]
    [InlineData(LedgerFailures.InsufficientFunds)]
    [InlineData(LedgerFailures.AccountNotFound)]
    public async Task Rejected_withdrawal_fails_without_refund(string reason)
    {
        await using var t = await TransferHarness.StartAsync();
        var id = await Withdrawing(t);
        var before = DateTime.UtcNow;

        await t.Deliver(new WithdrawRejected(id, reason));

        var saga = await t.InState(id, x => x.Failed);
        Assert.Equal(reason, saga.FailureReason);
        AssertCompletedSince(before, saga);
        Assert.Equal(new TransferFailed(id, reason, Refunded: false), await PublishedOnce<TransferFailed>(t, id, m => m.TransferId));
        Assert.False(await t.Harness.Published.Any<Deposit>());
    }

    [Fact]
    public async Task Completed_deposit_completes_the_transfer()
    {
        await using var t = await TransferHarness.StartAsync();
        var id = await Depositing(t);
        var before = DateTime.UtcNow;

        await t.Deliver(new DepositCompleted(id));

        var saga = await t.InState(id, x => x.Completed);
        Assert.Null(saga.FailureReason);
        Assert.Empty(saga.Compensations);
        AssertCompletedSince(before, saga);
        Assert.Equal(new TransferCompleted(id, From, To, Amount), await PublishedOnce<TransferCompleted>(t, id, m => m.TransferId));
        Assert.False(await t.Harness.Published.Any<TransferFailed>());
    }

    [Fact]
    public async Task Rejected_deposit_refunds_the_source_account()
    {
        await using var t = await TransferHarness.StartAsync();
        var id = await Depositing(t);

        await t.Deliver(new DepositRejected(id, LedgerFailures.AccountNotFound));

        var saga = await t.InState(id, x => x.Compensating);
        Assert.Equal(LedgerFailures.AccountNotFound, saga.FailureReason);
        Assert.Null(saga.CompletedAt);
        Assert.Equal(new Refund(id, From, Amount), await PublishedOnce<Refund>(t, id, m => m.TransferId));
        Assert.False(await t.Harness.Published.Any<TransferFailed>());
    }

    [Fact]
    public async Task Completed_refund_fails_the_transfer_as_refunded()
    {
        await using var t = await TransferHarness.StartAsync();
        var id = await Refunding(t, LedgerFailures.AccountNotFound);
        var before = DateTime.UtcNow;

        await t.Deliver(new CompensationCompleted(id, "Refund"));

        var saga = await t.InState(id, x => x.Refunded);
        Assert.Equal(LedgerFailures.AccountNotFound, saga.FailureReason);
        AssertCompletedSince(before, saga);
        Assert.Equal(
            new TransferFailed(id, LedgerFailures.AccountNotFound, Refunded: true),
            await PublishedOnce<TransferFailed>(t, id, m => m.TransferId));
    }

    [Fact]
    public async Task Rejected_refund_needs_attention_and_keeps_both_reasons()
    {
        await using var t = await TransferHarness.StartAsync();
        var id = await Refunding(t, LedgerFailures.AccountNotFound);
        var before = DateTime.UtcNow;

        await t.Deliver(new CompensationFailed(id, "Refund", "LedgerClosed"));

        var saga = await t.InState(id, x => x.NeedsAttention);
        Assert.Equal("AccountNotFound; Refund failed: LedgerClosed", saga.FailureReason);
        Assert.Contains(LedgerFailures.AccountNotFound, saga.FailureReason);
        Assert.Contains("LedgerClosed", saga.FailureReason);
        AssertCompletedSince(before, saga);
        Assert.False(await t.Harness.Published.Any<TransferFailed>());
        var alert = await PublishedOnce<TransferNeedsAttention>(t, id, x => x.TransferId);
        Assert.Equal(saga.FailureReason, alert.Reason);
        Assert.Equal(saga.Amount, alert.Amount);
    }

    [Fact]
    public async Task Second_start_with_the_same_id_is_ignored()
    {
        await using var t = await TransferHarness.StartAsync();
        var id = await Withdrawing(t);

        var duplicate = await t.Deliver(Request(id) with { ToAccount = "acc-other", Amount = 999m });

        Assert.Null(duplicate.Exception);
        var saga = await t.InState(id, x => x.Withdrawing);
        Assert.Equal(To, saga.ToAccount);
        Assert.Equal(Amount, saga.Amount);
        Assert.Equal(2, t.Saga.Consumed.Select<StartTransfer>().Count());
        Assert.Single(t.Saga.Created.Select(x => x.CorrelationId == id));
        Assert.Single(t.Harness.Published.Select<Withdraw>());
        Assert.False(await t.Harness.Published.Any<Fault<StartTransfer>>());
    }

    [Fact]
    public async Task Event_in_the_wrong_state_faults_and_leaves_the_saga_where_it_was()
    {
        await using var t = await TransferHarness.StartAsync();
        var id = await Withdrawing(t);

        var consumed = await t.Deliver(new DepositCompleted(id));

        var notAccepted = Assert.IsType<NotAcceptedStateMachineException>(consumed.Exception);
        Assert.IsType<UnhandledEventException>(notAccepted.InnerException);
        Assert.Contains("Withdrawing", notAccepted.Message);
        Assert.True(await t.Harness.Published.Any<Fault<DepositCompleted>>(x => x.Context.Message.Message.TransferId == id));
        var saga = await t.InState(id, x => x.Withdrawing);
        Assert.Equal("Withdrawing", saga.CurrentState);
        Assert.Null(saga.CompletedAt);
        Assert.False(await t.Harness.Published.Any<TransferCompleted>());
    }

    [Fact]
    public async Task A_step_that_gets_no_answer_in_time_is_sent_again()
    {
        await using var t = await TransferHarness.StartAsync(Steps(startToClose: TimeSpan.FromMilliseconds(300), maxAttempts: 10));
        var id = NewId.NextGuid();

        await t.Deliver(Request(id));
        await t.WaitFor(id, saga => saga.StepAttempt >= 2, "the withdrawal to be sent a second time");
        await t.Deliver(new WithdrawCompleted(id));

        var saga = await t.InState(id, x => x.Depositing);
        Assert.Equal(TransferStateMachine.DepositStep, saga.CurrentStep);
        Assert.Equal(1, saga.StepAttempt);
    }

    [Fact]
    public async Task A_step_that_never_answers_leaves_the_transfer_needing_attention()
    {
        await using var t = await TransferHarness.StartAsync(Steps(startToClose: TimeSpan.FromMilliseconds(200), maxAttempts: 2));
        var id = NewId.NextGuid();

        await t.Deliver(Request(id));

        var saga = await t.InState(id, x => x.NeedsAttention);
        Assert.Equal("Withdraw did not answer after 2 attempts", saga.FailureReason);
        Assert.Equal(2, saga.StepAttempt);
        Assert.Null(saga.CurrentStep);
        var published = await t.Harness.Published.SelectAsync<TransferNeedsAttention>(x => x.Context.Message.TransferId == id).FirstOrDefault();
        Assert.Equal(saga.FailureReason, published?.Context.Message.Reason);
    }

    [Fact]
    public async Task Answered_steps_do_not_time_out_later()
    {
        await using var t = await TransferHarness.StartAsync(Steps(startToClose: TimeSpan.FromMilliseconds(400), maxAttempts: 5));
        var id = NewId.NextGuid();

        await t.Deliver(Request(id));
        await t.Deliver(new WithdrawCompleted(id));
        await t.Deliver(new DepositCompleted(id));
        await t.InState(id, x => x.Completed);
        await Task.Delay(TimeSpan.FromSeconds(3));

        var saga = await t.InState(id, x => x.Completed);
        Assert.Null(saga.StepDeadline);
        Assert.Null(saga.CurrentStep);
        Assert.Equal(1, saga.StepAttempt);
    }

    static ActivitySteps Steps(TimeSpan startToClose, int maxAttempts) =>
        ActivitySteps.Fixed(new ActivityStepOptions { StartToClose = startToClose, MaxAttempts = maxAttempts });

    static StartTransfer Request(Guid id) => new() { TransferId = id, FromAccount = From, ToAccount = To, Amount = Amount };

    static void AssertCompletedSince(DateTime before, TransferState saga)
    {
        Assert.NotNull(saga.CompletedAt);
        Assert.InRange(saga.CompletedAt.Value, before, DateTime.UtcNow);
    }

    /// <summary>The one message of type <typeparamref name="T"/> published for the transfer.</summary>
    static async Task<T> PublishedOnce<T>(TransferHarness t, Guid id, Func<T, Guid> transferId)
        where T : class
    {
        var published = await t.Harness.Published.SelectAsync<T>(x => transferId(x.Context.Message) == id).FirstOrDefault();
        Assert.True(published is not null, $"no {typeof(T).Name} was published for {id}");
        Assert.Single(t.Harness.Published.Select<T>(x => transferId(x.Context.Message) == id));
        return published.Context.Message;
    }

    static async Task<Guid> Withdrawing(TransferHarness t)
    {
        var id = NewId.NextGuid();
        await t.Deliver(Request(id));
        await t.InState(id, x => x.Withdrawing);
        return id;
    }

    static async Task<Guid> Depositing(TransferHarness t)
    {
        var id = await Withdrawing(t);
        await t.Deliver(new WithdrawCompleted(id));
        await t.InState(id, x => x.Depositing);
        return id;
    }

    static async Task<Guid> Refunding(TransferHarness t, string reason)
    {
        var id = await Depositing(t);
        await t.Deliver(new DepositRejected(id, reason));
        await t.InState(id, x => x.Compensating);
        return id;
    }
}
