using Sagas.ActivityWorkers.Expenses;
using Sagas.Contracts;
using Sagas.Orchestrator.Workflows.ExpenseApprovals;
using Sagas.Testing;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Orchestrator.Workflows.ExpenseApprovals;

/// <summary>The week-long timeout on PostgreSQL (clustered Quartz) and RabbitMQ.</summary>
public sealed class ExpenseApprovalRealStackTests
{
    [Fact]
    public async Task Without_a_decision_the_expense_times_out_on_postgres_and_rabbitmq()
    {
        await using var database = await TestServers.CreatePostgresDatabaseAsync();
        await using var broker = await TestServers.CreateRabbitMqVirtualHostAsync();
        var clock = new AdjustableClock();
        await using var host = await OrchestratorHost.StartAsync(OrchestratorHost.RealStack(database.ConnectionString, broker.ConnectionString), clock: clock);
        var id = Guid.NewGuid();

        await host.Bus.Publish(new SubmitExpense { ExpenseId = id, Employee = "erin", Amount = 99m, Description = "conference ticket" });
        var waiting = await Eventually.MatchAsync(() => host.Services.SagaAsync<ExpenseApprovalState>(id),
            saga => saga is { CurrentState: "AwaitingDecision", ApproverNotifiedAt: not null }, $"expense {id} to wait for a decision", TimeSpan.FromSeconds(60));
        Assert.Single(await host.Services.WorkerRowsAsync<ApprovalNotification>());

        var due = await DurableTimers.AdvanceToNextAsync(host.Services, clock);
        Assert.InRange((due.UtcDateTime - waiting.DecisionDueAt!.Value).Duration(), TimeSpan.Zero, TimeSpan.FromSeconds(1));

        var timedOut = await host.Services.WaitForStateAsync<ExpenseApprovalState>(id, "TimedOut", TimeSpan.FromSeconds(60));
        Assert.Equal("no decision within 7 days", timedOut.Reason);
        Assert.Equal(["AwaitingDecision", "TimedOut"], (await host.Services.HistoryAsync(id)).Where(x => x.FromState != x.ToState).Select(x => x.ToState));
    }
}
