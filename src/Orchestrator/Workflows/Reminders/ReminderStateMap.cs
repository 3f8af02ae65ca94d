using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sagas.Durability.Sagas;

namespace Sagas.Orchestrator.Workflows.Reminders;

public class ReminderStateMap : SagaInstanceMap<ReminderState>
{
    protected override void ConfigureFields(EntityTypeBuilder<ReminderState> entity)
    {
        entity.Property(x => x.Recipient).HasMaxLength(256);
        entity.Property(x => x.Subject).HasMaxLength(256);
        entity.HasIndex(x => x.NextMailDueAt);
    }
}
