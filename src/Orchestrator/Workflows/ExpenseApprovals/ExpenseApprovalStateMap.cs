using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sagas.Durability.Sagas;
using Sagas.Operations.Visibility;

namespace Sagas.Orchestrator.Workflows.ExpenseApprovals;

public class ExpenseApprovalStateMap : SagaInstanceMap<ExpenseApprovalState>
{
    protected override void ConfigureFields(EntityTypeBuilder<ExpenseApprovalState> entity)
    {
        entity.Property(x => x.Employee).HasMaxLength(64);
        entity.Property(x => x.Amount).HasPrecision(18, 2);
        entity.Property(x => x.Description).HasMaxLength(512);
        entity.Property(x => x.DecidedBy).HasMaxLength(64);
        entity.Property(x => x.Reason).HasMaxLength(512);
        entity.SearchAttribute(x => x.Employee);
    }
}
