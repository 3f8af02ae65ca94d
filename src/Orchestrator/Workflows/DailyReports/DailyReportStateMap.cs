using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sagas.Durability.Sagas;
using Sagas.Operations.Visibility;

namespace Sagas.Orchestrator.Workflows.DailyReports;

public class DailyReportStateMap : SagaInstanceMap<DailyReportState>
{
    protected override void ConfigureFields(EntityTypeBuilder<DailyReportState> entity)
    {
        entity.Property(x => x.Total).HasPrecision(18, 2);
        entity.SearchAttribute(x => x.ReportDate);
    }
}
