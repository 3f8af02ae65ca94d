using Sagas.Durability.Sagas;

namespace Sagas.Orchestrator.Workflows.DailyReports;

public class DailyReportState : SagaInstance
{
    public DateOnly ReportDate { get; set; }
    public int EntryCount { get; set; }
    public decimal Total { get; set; }
}
