using Sagas.Durability.Activities;

namespace Sagas.Orchestrator.Workflows.DailyReports;

public class DailyReportState : SteppingSagaInstance
{
    public DateOnly ReportDate { get; set; }
    public int EntryCount { get; set; }
    public decimal Total { get; set; }
}
