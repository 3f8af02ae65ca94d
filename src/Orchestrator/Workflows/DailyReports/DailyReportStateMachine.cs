using MassTransit;
using Sagas.Contracts;
using Sagas.Durability.Activities;
using Sagas.Durability.Sagas;

namespace Sagas.Orchestrator.Workflows.DailyReports;

/// <summary>
/// Has the ledger's day summed up and stored; the saga keeps the figures it got. A run whose
/// activity never answers fails, so a schedule that skips overlapping runs is not held up for ever.
/// </summary>
public class DailyReportStateMachine : DurableStateMachine<DailyReportState>
{
    public const string ComputeStep = "ComputeDailyReport";

    public DailyReportStateMachine(ActivitySteps steps)
    {
        Event(() => StartDailyReport, e => e.CorrelateById(m => m.Message.ReportId));
        Event(() => DailyReportComputed, e => e.CorrelateById(m => m.Message.ReportId));
        StepTimeouts(() => StepTimeout);
        Succeeded(Completed);
        Terminal(Failed);

        Initially(
            When(StartDailyReport)
                .Then(x => x.Saga.ReportDate = x.Message.ReportDate ?? DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1))
                .StartStep(steps, ComputeStep, x => new ComputeDailyReport(x.Saga.CorrelationId, x.Saga.ReportDate))
                .TransitionTo(Computing));

        During(Computing,
            When(DailyReportComputed)
                .EndStep()
                .Then(x =>
                {
                    x.Saga.EntryCount = x.Message.EntryCount;
                    x.Saga.Total = x.Message.Total;
                })
                .TransitionTo(Completed),
            When(StepTimeout, x => x.HasAttemptsLeft(steps))
                .RetryStep(steps, x => new ComputeDailyReport(x.Saga.CorrelationId, x.Saga.ReportDate)),
            When(StepTimeout, x => x.IsOutOfAttempts(steps))
                .Then(x => x.Saga.FailureReason = x.GaveUpReason())
                .TransitionTo(Failed));

        DuringAny(Ignore(StartDailyReport));
        During(Completed, Failed, Ignore(DailyReportComputed));
    }

    public State Computing { get; private set; } = null!;
    public State Completed { get; private set; } = null!;
    public State Failed { get; private set; } = null!;

    public Event<StartDailyReport> StartDailyReport { get; private set; } = null!;
    public Event<DailyReportComputed> DailyReportComputed { get; private set; } = null!;

    public Event<StepTimedOut> StepTimeout { get; private set; } = null!;
}
