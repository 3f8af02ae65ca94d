using MassTransit;
using Microsoft.EntityFrameworkCore;
using Sagas.ActivityWorkers.Ledger;
using Sagas.Contracts;

namespace Sagas.ActivityWorkers.Reports;

/// <summary>Sums a UTC day of ledger entries into <c>DailyReports</c>, keyed by the date so a repeat overwrites, never adds.</summary>
public sealed class ComputeDailyReportConsumer(LedgerDbContext db, TimeProvider clock) : IConsumer<ComputeDailyReport>
{
    public async Task Consume(ConsumeContext<ComputeDailyReport> context)
    {
        var (reportId, date) = context.Message;
        var from = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var to = from.AddDays(1);
        // Amounts are summed here, not in SQL: SQLite cannot sum decimals.
        var amounts = await db.LedgerEntries.AsNoTracking()
            .Where(x => x.CreatedAt >= from && x.CreatedAt < to)
            .Select(x => x.Amount)
            .ToListAsync(context.CancellationToken);

        var report = await db.DailyReports.AsTracking().SingleOrDefaultAsync(x => x.ReportDate == date, context.CancellationToken);
        if (report is null)
        {
            report = new DailyReport { ReportDate = date };
            db.DailyReports.Add(report);
        }

        report.EntryCount = amounts.Count;
        report.Total = amounts.Sum();
        report.Credits = amounts.Where(a => a > 0).Sum();
        report.Debits = -amounts.Where(a => a < 0).Sum();
        report.ComputedAt = clock.GetUtcNow().UtcDateTime;

        await context.Publish(new DailyReportComputed(reportId, date, report.EntryCount, report.Total));
    }
}
