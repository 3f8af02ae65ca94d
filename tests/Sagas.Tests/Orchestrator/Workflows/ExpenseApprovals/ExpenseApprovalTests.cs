using Sagas.ActivityWorkers.Expenses;
using Sagas.Contracts;
using Sagas.Orchestrator.Workflows.ExpenseApprovals;
using Sagas.Testing;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Orchestrator.Workflows.ExpenseApprovals;

/// <summary>
/// Expense approvals on the embedded stack (in-memory bus, SQLite, Quartz), signals published on
/// the bus, the week-long wait crossed by moving Quartz's clock.
/// </summary>
public sealed class ExpenseApprovalTests : IAsyncLifetime
{
    readonly string _file = Path.Combine(Path.GetTempPath(), $"sagas-{Guid.NewGuid():N}.db");
    readonly AdjustableClock _clock = new();

    [Fact]
    public async Task An_approval_ends_the_wait_and_cancels_the_timeout()
    {
        await using var host = await OrchestratorHost.StartAsync(OrchestratorHost.Embedded(_file), clock: _clock);
        var id = Guid.NewGuid();

        await host.Bus.Publish(Submission(id));
        var waiting = await AwaitingDecisionAndNotifiedAsync(host.Services, id);
        Assert.Equal(waiting.SubmittedAt + TimeSpan.FromDays(7), waiting.DecisionDueAt);
        var notification = Assert.Single(await host.Services.WorkerRowsAsync<ApprovalNotification>());
        Assert.Equal((id, "erin", 42.50m), (notification.ExpenseId, notification.Employee, notification.Amount));

        await host.Bus.Publish(new ApproveExpense { ExpenseId = id, By = "boss", Reason = "fine" });
        var approved = await host.Services.WaitForStateAsync<ExpenseApprovalState>(id, "Approved");
        Assert.Equal(("boss", "fine"), (approved.DecidedBy, approved.Reason));
        Assert.NotNull(approved.CompletedAt);

        await Eventually.TrueAsync(async () => await DurableTimers.CountAsync(host.Services) == 0, "the timeout to be cancelled");
        _clock.Advance(TimeSpan.FromDays(8));
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal("Approved", (await host.Services.SagaAsync<ExpenseApprovalState>(id))!.CurrentState);
        Assert.Equal(["Initial>AwaitingDecision", "AwaitingDecision>Approved"], await TransitionsAsync(host.Services, id));
    }

    [Fact]
    public async Task A_rejection_ends_the_wait_with_its_reason()
    {
        await using var host = await OrchestratorHost.StartAsync(OrchestratorHost.Embedded(_file), clock: _clock);
        var id = Guid.NewGuid();

        await host.Bus.Publish(Submission(id));
        await AwaitingDecisionAndNotifiedAsync(host.Services, id);
        await host.Bus.Publish(new RejectExpense { ExpenseId = id, By = "boss", Reason = "no receipt" });

        var rejected = await host.Services.WaitForStateAsync<ExpenseApprovalState>(id, "Rejected");
        Assert.Equal(("boss", "no receipt"), (rejected.DecidedBy, rejected.Reason));
        await Eventually.TrueAsync(async () => await DurableTimers.CountAsync(host.Services) == 0, "the timeout to be cancelled");
    }

    [Fact]
    public async Task Without_a_decision_the_expense_times_out_after_seven_days_and_later_signals_change_nothing()
    {
        await using var host = await OrchestratorHost.StartAsync(OrchestratorHost.Embedded(_file), clock: _clock);
        var id = Guid.NewGuid();

        await host.Bus.Publish(Submission(id));
        var waiting = await AwaitingDecisionAndNotifiedAsync(host.Services, id);
        await Eventually.TrueAsync(async () => await DurableTimers.CountAsync(host.Services) == 1, "the timeout to be stored");

        _clock.Advance(TimeSpan.FromDays(6));
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal("AwaitingDecision", (await host.Services.SagaAsync<ExpenseApprovalState>(id))!.CurrentState);

        var due = await DurableTimers.AdvanceToNextAsync(host.Services, _clock);
        Assert.InRange((due.UtcDateTime - waiting.DecisionDueAt!.Value).Duration(), TimeSpan.Zero, TimeSpan.FromSeconds(1));
        var timedOut = await host.Services.WaitForStateAsync<ExpenseApprovalState>(id, "TimedOut");
        Assert.Equal("no decision within 7 days", timedOut.Reason);
        Assert.Null(timedOut.DecidedBy);
        Assert.True(timedOut.CompletedAt >= waiting.DecisionDueAt);

        await host.Bus.Publish(new ApproveExpense { ExpenseId = id, By = "late boss" });
        await Task.Delay(TimeSpan.FromSeconds(3));
        var after = (await host.Services.SagaAsync<ExpenseApprovalState>(id))!;
        Assert.Equal(("TimedOut", null, timedOut.Reason), (after.CurrentState, after.DecidedBy, after.Reason));
        Assert.Equal(["Initial>AwaitingDecision", "AwaitingDecision>TimedOut"], await TransitionsAsync(host.Services, id));
    }

    [Theory]
    [InlineData("", 10, "employee is required")]
    [InlineData("erin", 0, "amount must be greater than zero")]
    [InlineData("erin", -3, "amount must be greater than zero")]
    public async Task An_invalid_submission_on_the_bus_is_rejected_with_the_reason_and_notifies_nobody(string employee, int amount, string reason)
    {
        await using var host = await OrchestratorHost.StartAsync(OrchestratorHost.Embedded(_file), clock: _clock);
        var id = Guid.NewGuid();

        await host.Bus.Publish(Submission(id) with { Employee = employee, Amount = amount });

        var rejected = await host.Services.WaitForStateAsync<ExpenseApprovalState>(id, "Rejected");
        Assert.Equal(reason, rejected.Reason);
        Assert.Null(rejected.DecisionDueAt);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Empty(await host.Services.WorkerRowsAsync<ApprovalNotification>());
        Assert.Equal(0, await DurableTimers.CountAsync(host.Services));
    }

    static SubmitExpense Submission(Guid id) => new() { ExpenseId = id, Employee = "erin", Amount = 42.50m, Description = "train to Lyon" };

    static Task<ExpenseApprovalState> AwaitingDecisionAndNotifiedAsync(IServiceProvider services, Guid id) =>
        Eventually.MatchAsync(() => services.SagaAsync<ExpenseApprovalState>(id),
            saga => saga is { CurrentState: "AwaitingDecision", ApproverNotifiedAt: not null }, $"expense {id} to wait with its approver notified");

    static async Task<List<string>> TransitionsAsync(IServiceProvider services, Guid id) =>
        (await services.HistoryAsync(id)).Where(x => x.FromState != x.ToState).Select(x => $"{x.FromState}>{x.ToState}").ToList();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(_file) + "*"))
            File.Delete(file);
        return Task.CompletedTask;
    }
}
