namespace Sagas.ActivityWorkers.Reports;

/// <summary>One day's ledger movements summed up; one row per date, rewritten by a repeated run.</summary>
public class DailyReport
{
    public DateOnly ReportDate { get; set; }
    public int EntryCount { get; set; }
    public decimal Total { get; set; }
    public decimal Credits { get; set; }
    public decimal Debits { get; set; }
    public DateTime ComputedAt { get; set; }
}
