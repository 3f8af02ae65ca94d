namespace Sagas.Contracts;

/// <summary>
/// Starts the report of one day's ledger movements. Publishing it twice with one ReportId starts
/// one saga. Without a ReportDate a schedule reports on the day before its fire (in its time zone).
/// </summary>
public record StartDailyReport
{
    public Guid ReportId { get; init; }
    public DateOnly? ReportDate { get; init; }
}
