namespace Sagas.Contracts;

/// <summary>Counts and sums the ledger entries of one UTC day and stores the result under that date.</summary>
public record ComputeDailyReport(Guid ReportId, DateOnly ReportDate);

public record DailyReportComputed(Guid ReportId, DateOnly ReportDate, int EntryCount, decimal Total);
