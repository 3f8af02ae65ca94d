using Sagas.Contracts;
using Sagas.Operations.Schedules;

namespace Sagas.Orchestrator.Workflows.DailyReports;

/// <summary>Lets schedules start a daily report: by default on the day before the fire, in the schedule's time zone.</summary>
public sealed class DailyReportStarter : WorkflowStarter<StartDailyReport, DailyReportState>
{
    public override string Workflow => "DailyReport";

    protected override StartDailyReport ForRun(StartDailyReport input, ScheduledRun run) => input with
    {
        ReportId = run.RunId,
        ReportDate = input.ReportDate ?? DateOnly.FromDateTime(run.ScheduledFor.DateTime).AddDays(-1),
    };
}
