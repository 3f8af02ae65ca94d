using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sagas.ActivityWorkers.Expenses;

public sealed class ApprovalNotificationMap : IEntityTypeConfiguration<ApprovalNotification>
{
    public void Configure(EntityTypeBuilder<ApprovalNotification> entity)
    {
        entity.ToTable("approval_notifications");
        entity.HasKey(x => x.ExpenseId);
        entity.Property(x => x.ExpenseId).ValueGeneratedNever();
        entity.Property(x => x.Employee).HasMaxLength(64);
        entity.Property(x => x.Amount).HasPrecision(18, 2);
        entity.Property(x => x.Description).HasMaxLength(512);
    }
}
