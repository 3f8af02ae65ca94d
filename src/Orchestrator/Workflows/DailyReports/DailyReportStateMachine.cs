using MassTransit;
using Sagas.Contracts;
using Sagas.Durability.Sagas;

namespace Sagas.Orchestrator.Workflows.DailyReports;

/// <summary>Has the ledger's day summed up and stored; the saga keeps the figures it got.</summary>
public class DailyReportStateMachine : DurableStateMachine<DailyReportState>
{
    public DailyReportStateMachine()
    {
        Event(() => StartDailyReport, e => e.CorrelateById(m => m.Message.ReportId));
        Event(() => DailyReportComputed, e => e.CorrelateById(m => m.Message.ReportId));
        Terminal(Completed);

        Initially(
            When(StartDailyReport)
                .Then(x => x.Saga.ReportDate = x.Message.ReportDate ?? DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1))
                .Publish(x => new ComputeDailyReport(x.Saga.CorrelationId, x.Saga.ReportDate))
                .TransitionTo(Computing));

        During(Computing,
            When(DailyReportComputed)
                .Then(x =>
                {
                    x.Saga.EntryCount = x.Message.EntryCount;
                    x.Saga.Total = x.Message.Total;
                })
                .TransitionTo(Completed));

        DuringAny(Ignore(StartDailyReport));
        During(Completed, Ignore(DailyReportComputed));
    }

    public State Computing { get; private set; } = null!;
    public State Completed { get; private set; } = null!;

    public Event<StartDailyReport> StartDailyReport { get; private set; } = null!;
    public Event<DailyReportComputed> DailyReportComputed { get; private set; } = null!;
}
