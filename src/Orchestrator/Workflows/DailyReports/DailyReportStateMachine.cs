using MassTransit;
using Sagas.Contracts;
using Sagas.Durability.Activities;

namespace Sagas.Orchestrator.Workflows.DailyReports;

/// <summary>
/// Has the ledger's day summed up and stored; the saga keeps the figures it got. A run whose
/// activity never answers fails, so a schedule that skips overlapping runs is not held up for ever.
/// </summary>
public class DailyReportStateMachine : SteppingStateMachine<DailyReportState>
{
    public const string ComputeStep = "ComputeDailyReport";

    public DailyReportStateMachine(ActivitySteps steps)
        : base(steps)
    {
        Event(() => StartDailyReport, e => e.CorrelateById(m => m.Message.ReportId));
        Event(() => DailyReportComputed, e => e.CorrelateById(m => m.Message.ReportId));
        Succeeded(Completed);
        Terminal(Failed);

        Initially(
            When(StartDailyReport)
                .Then(x => x.Saga.ReportDate = x.Message.ReportDate ?? DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1))
                .StartStep(steps, ComputeStep, x => Compute(x.Saga))
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
            RetryOrGiveUp(x => Compute(x.Saga), giveUp => giveUp.GiveUp().TransitionTo(Failed)));
    }

    public State Computing { get; private set; } = null!;
    public State Completed { get; private set; } = null!;
    public State Failed { get; private set; } = null!;

    public Event<StartDailyReport> StartDailyReport { get; private set; } = null!;
    public Event<DailyReportComputed> DailyReportComputed { get; private set; } = null!;

    static ComputeDailyReport Compute(DailyReportState saga) => new(saga.CorrelationId, saga.ReportDate);
}
