using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sagas.ActivityWorkers.Ledger;

namespace Sagas.ActivityWorkers.Reports;

public sealed class DailyReportMap : IEntityTypeConfiguration<DailyReport>
{
    public void Configure(EntityTypeBuilder<DailyReport> entity)
    {
        entity.ToTable("DailyReports");
        entity.HasKey(x => x.ReportDate);
        entity.Property(x => x.Total).HasPrecision(LedgerLimits.AmountPrecision, LedgerLimits.AmountScale);
        entity.Property(x => x.Credits).HasPrecision(LedgerLimits.AmountPrecision, LedgerLimits.AmountScale);
        entity.Property(x => x.Debits).HasPrecision(LedgerLimits.AmountPrecision, LedgerLimits.AmountScale);
    }
}
