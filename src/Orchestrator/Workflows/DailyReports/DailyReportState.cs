using Sagas.Durability.Activities;
using Sagas.Durability.Sagas;

namespace Sagas.Orchestrator.Workflows.DailyReports;

public class DailyReportState : SagaInstance, IActivityStepState
{
    public DateOnly ReportDate { get; set; }
    public int EntryCount { get; set; }
    public decimal Total { get; set; }
    public string? FailureReason { get; set; }
    public string? CurrentStep { get; set; }
    public int StepAttempt { get; set; }
    public DateTime? StepDeadline { get; set; }
}
