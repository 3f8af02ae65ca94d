using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sagas.ActivityWorkers.Mail;

public sealed class SentMailMap : IEntityTypeConfiguration<SentMail>
{
    public void Configure(EntityTypeBuilder<SentMail> entity)
    {
        entity.ToTable("sent_mails");
        entity.Property(x => x.Reference).HasMaxLength(100);
        entity.Property(x => x.Recipient).HasMaxLength(256);
        entity.Property(x => x.Subject).HasMaxLength(256);
        entity.HasIndex(x => x.Reference).IsUnique();
    }
}
