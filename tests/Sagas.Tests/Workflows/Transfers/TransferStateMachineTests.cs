using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Sagas.Contracts;
using Sagas.Durability.Activities;
using Sagas.Durability.Compensation;
using Sagas.Orchestrator.Workflows.Transfers;

namespace Sagas.Tests.Workflows.Transfers;

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
        Assert.Equal(new Withdraw(id, From, Amount), await t.Published<Withdraw>(id, m => m.TransferId));
        Assert.True(await t.Saga.Created.Any(x => x.CorrelationId == id));
    }

    [Theory]
    [InlineData(From, To, 0, "amount must be greater than zero")]
    [InlineData(From, To, -5, "amount must be greater than zero")]
    [InlineData(From, From, 10, "fromAccount and toAccount must differ")]
    [InlineData("", To, 10, "fromAccount is required")]
    [InlineData(From, "  ", 10, "toAccount is required")]
    public async Task Invalid_start_fails_without_withdrawing(string from, string to, int amount, string reason)
    {
        await using var t = await TransferHarness.StartAsync();
        var id = NewId.NextGuid();
        var before = DateTime.UtcNow;

        await t.Deliver(new StartTransfer { TransferId = id, FromAccount = from, ToAccount = to, Amount = amount });

        var saga = await t.InState(id, x => x.Failed);
        Assert.Equal(reason, saga.FailureReason);
        AssertCompletedSince(before, saga);
        Assert.Equal(new TransferFailed(id, reason, Refunded: false), await t.Published<TransferFailed>(id, m => m.TransferId));
        Assert.False(await t.Harness.Published.Any<Withdraw>());
    }

    [Fact]
    public async Task Completed_withdrawal_deposits_into_the_destination_account()
    {
        await using var t = await TransferHarness.StartAsync();
        var id = await t.Withdrawing();

        await t.Deliver(new WithdrawCompleted(id));

        var saga = await t.InState(id, x => x.Depositing);
        Assert.Null(saga.CompletedAt);
        Assert.Equal(new Deposit(id, To, Amount), await t.Published<Deposit>(id, m => m.TransferId));
    }

    [Theory]
    [InlineData(LedgerFailures.InsufficientFunds)]
    [InlineData(LedgerFailures.AccountNotFound)]
    public async Task Rejected_withdrawal_fails_without_refund(string reason)
    {
        await using var t = await TransferHarness.StartAsync();
        var id = await t.Withdrawing();
        var before = DateTime.UtcNow;

        await t.Deliver(new WithdrawRejected(id, reason));

        var saga = await t.InState(id, x => x.Failed);
        Assert.Equal(reason, saga.FailureReason);
        AssertCompletedSince(before, saga);
        Assert.Equal(new TransferFailed(id, reason, Refunded: false), await t.Published<TransferFailed>(id, m => m.TransferId));
        Assert.False(await t.Harness.Published.Any<Deposit>());
    }

    [Fact]
    public async Task Completed_deposit_completes_the_transfer()
    {
        await using var t = await TransferHarness.StartAsync();
        var id = await t.Depositing();
        var before = DateTime.UtcNow;

        await t.Deliver(new DepositCompleted(id));

        var saga = await t.InState(id, x => x.Completed);
        Assert.Null(saga.FailureReason);
        AssertCompletedSince(before, saga);
        Assert.Equal(new TransferCompleted(id, From, To, Amount), await t.Published<TransferCompleted>(id, m => m.TransferId));
        Assert.False(await t.Harness.Published.Any<TransferFailed>());
    }

    [Fact]
    public async Task Rejected_deposit_refunds_the_source_account()
    {
        await using var t = await TransferHarness.StartAsync();
        var id = await t.Depositing();

        await t.Deliver(new DepositRejected(id, LedgerFailures.AccountNotFound));

        var saga = await t.InState(id, x => x.Compensating);
        Assert.Equal(LedgerFailures.AccountNotFound, saga.FailureReason);
        Assert.Null(saga.CompletedAt);
        Assert.Equal(new Refund(id, From, Amount), await t.Published<Refund>(id, m => m.TransferId));
        Assert.False(await t.Harness.Published.Any<TransferFailed>());
    }

    [Fact]
    public async Task Completed_refund_fails_the_transfer_as_refunded()
    {
        await using var t = await TransferHarness.StartAsync();
        var id = await t.Refunding(LedgerFailures.AccountNotFound);
        var before = DateTime.UtcNow;

        await t.Deliver(new CompensationCompleted(id, "Refund"));

        var saga = await t.InState(id, x => x.Refunded);
        Assert.Equal(LedgerFailures.AccountNotFound, saga.FailureReason);
        AssertCompletedSince(before, saga);
        Assert.Equal(
            new TransferFailed(id, LedgerFailures.AccountNotFound, Refunded: true),
            await t.Published<TransferFailed>(id, m => m.TransferId));
    }

    [Fact]
    public async Task Rejected_refund_needs_attention_and_keeps_both_reasons()
    {
        await using var t = await TransferHarness.StartAsync();
        var id = await t.Refunding(LedgerFailures.AccountNotFound);
        var before = DateTime.UtcNow;

        await t.Deliver(new CompensationFailed(id, "Refund", "LedgerClosed"));

        var saga = await t.InState(id, x => x.NeedsAttention);
        Assert.Equal("AccountNotFound; Refund failed: LedgerClosed", saga.FailureReason);
        Assert.Contains(LedgerFailures.AccountNotFound, saga.FailureReason);
        Assert.Contains("LedgerClosed", saga.FailureReason);
        AssertCompletedSince(before, saga);
        Assert.False(await t.Harness.Published.Any<TransferFailed>());
        var alert = await t.Published<TransferNeedsAttention>(id, x => x.TransferId);
        Assert.Equal(saga.FailureReason, alert.Reason);
        Assert.Equal(saga.Amount, alert.Amount);
    }

    [Fact]
    public async Task Second_start_with_the_same_id_is_ignored()
    {
        await using var t = await TransferHarness.StartAsync();
        var id = await t.Withdrawing();

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
        var id = await t.Withdrawing();

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
        Assert.Null(saga.StepTimeoutTokenId);
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

    /// <summary>A started test harness with only the transfer saga on it; dispose to stop the bus.</summary>
    sealed class TransferHarness : IAsyncDisposable
    {
        readonly ServiceProvider _provider;

        TransferHarness(ServiceProvider provider)
        {
            _provider = provider;
            Harness = provider.GetRequiredService<ITestHarness>();
            Saga = Harness.GetSagaStateMachineHarness<TransferStateMachine, TransferState>();
        }

        public ITestHarness Harness { get; }

        public ISagaStateMachineTestHarness<TransferStateMachine, TransferState> Saga { get; }

        /// <param name="steps">Step timers; a test that lets them fire also needs the harness to
        /// wait through the quiet time before a timer, so it gets longer harness timeouts.</param>
        public static async Task<TransferHarness> StartAsync(ActivitySteps? steps = null)
        {
            var testTimeout = steps is null ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(30);
            var inactivityTimeout = steps is null ? TimeSpan.FromMilliseconds(500) : TimeSpan.FromSeconds(30);
            var provider = new ServiceCollection()
                .AddMassTransitTestHarness(x =>
                {
                    x.SetTestTimeouts(testTimeout: testTimeout, testInactivityTimeout: inactivityTimeout);
                    x.AddSagaStateMachine<TransferStateMachine, TransferState>().InMemoryRepository();
                    x.AddDelayedMessageScheduler();
                    x.UsingInMemory((context, cfg) =>
                    {
                        cfg.UseDelayedMessageScheduler();
                        cfg.ConfigureEndpoints(context);
                    });
                })
                .AddSingleton(steps ?? ActivitySteps.Default)
                .BuildServiceProvider(true);
            var harness = new TransferHarness(provider);
            await harness.Harness.Start();
            return harness;
        }

        /// <summary>Publishes <paramref name="message"/> and waits until the saga has consumed it (or faulted on it).</summary>
        public async Task<IReceivedMessage<T>> Deliver<T>(T message)
            where T : class
        {
            var messageId = NewId.NextGuid();
            await Harness.Bus.Publish(message, context => context.MessageId = messageId);

            // Polls for the message itself: the harness's waiting queries end once the bus has been
            // quiet for its inactivity timeout, which a busy machine can reach before the saga even runs.
            var deadline = DateTime.UtcNow + Harness.TestTimeout;
            while (true)
            {
                var consumed = Saga.Consumed.Select<T>(x => x.Context.MessageId == messageId).FirstOrDefault();
                if (consumed is not null)
                    return consumed;
                Assert.True(DateTime.UtcNow < deadline, $"the saga did not consume {typeof(T).Name} within {Harness.TestTimeout}");
                await Task.Delay(20);
            }
        }

        /// <summary>Waits for the saga to be in <paramref name="state"/> and returns it.</summary>
        public async Task<TransferState> InState(Guid id, Func<TransferStateMachine, State> state)
        {
            var name = state(Saga.StateMachine).Name;
            var deadline = DateTime.UtcNow + Harness.TestTimeout;
            while (true)
            {
                var saga = Saga.Sagas.Contains(id);
                if (saga?.CurrentState == name)
                    return saga;
                Assert.True(DateTime.UtcNow < deadline, $"saga {id} is not in {name} but in {saga?.CurrentState ?? "no state"}");
                await Task.Delay(20);
            }
        }

        /// <summary>Waits until the saga's instance satisfies <paramref name="condition"/>.</summary>
        public async Task WaitFor(Guid id, Func<TransferState, bool> condition, string what)
        {
            var deadline = DateTime.UtcNow + Harness.TestTimeout;
            while (Saga.Sagas.Contains(id) is not { } saga || !condition(saga))
            {
                Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
                await Task.Delay(50);
            }
        }

        /// <summary>The one message of type <typeparamref name="T"/> published for the transfer.</summary>
        public async Task<T> Published<T>(Guid id, Func<T, Guid> transferId)
            where T : class
        {
            var published = await Harness.Published.SelectAsync<T>(x => transferId(x.Context.Message) == id).FirstOrDefault();
            Assert.True(published is not null, $"no {typeof(T).Name} was published for {id}");
            Assert.Single(Harness.Published.Select<T>(x => transferId(x.Context.Message) == id));
            return published.Context.Message;
        }

        public async Task<Guid> Withdrawing()
        {
            var id = NewId.NextGuid();
            await Deliver(Request(id));
            await InState(id, x => x.Withdrawing);
            return id;
        }

        public async Task<Guid> Depositing()
        {
            var id = await Withdrawing();
            await Deliver(new WithdrawCompleted(id));
            await InState(id, x => x.Depositing);
            return id;
        }

        public async Task<Guid> Refunding(string reason)
        {
            var id = await Depositing();
            await Deliver(new DepositRejected(id, reason));
            await InState(id, x => x.Compensating);
            return id;
        }

        public async ValueTask DisposeAsync() => await _provider.DisposeAsync();
    }
}
