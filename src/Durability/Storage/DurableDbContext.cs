using Microsoft.EntityFrameworkCore;
using Sagas.Durability.DeadLetters;
using Sagas.Durability.Outbox;
using Sagas.Durability.Sagas;

namespace Sagas.Durability.Storage;

/// <summary>
/// A DbContext that holds the inbox, the outbox and the saga history beside its own tables, so
/// that a consumer's changes and the messages it sends commit together. Names are snake_case.
/// </summary>
public abstract class DurableDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>The claim of the message being consumed, while it waits to ride with the saga's load.</summary>
    internal InboxClaim? PendingInboxClaim { get; set; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ConfigureDurability(modelBuilder);
        ConfigureModel(modelBuilder);
        modelBuilder.UseSnakeCaseNames();
    }

    /// <summary>SQLite keeps no time zone; every time stored here is UTC, so say so when reading.</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    /// <summary>The context's own tables.</summary>
    protected abstract void ConfigureModel(ModelBuilder modelBuilder);

    /// <summary>
    /// Only <see cref="DurabilityDbContext"/> creates the inbox, outbox and history tables, so
    /// every process can migrate them whichever starts first.
    /// </summary>
    private protected virtual bool OwnsDurabilityTables => false;

    void ConfigureDurability(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<InboxMessage>(entity =>
        {
            entity.ToTable("InboxMessages", t => t.ExcludeFromMigrations(!OwnsDurabilityTables));
            entity.HasKey(x => new { x.MessageId, x.ConsumerId });
            entity.HasIndex(x => x.ConsumedAt);
        });

        modelBuilder.Entity<OutboxMessage>(entity =>
        {
            entity.ToTable("OutboxMessages", t => t.ExcludeFromMigrations(!OwnsDurabilityTables));
            entity.HasKey(x => x.SequenceNumber);
            entity.Property(x => x.SequenceNumber).ValueGeneratedOnAdd();
            entity.Property(x => x.DestinationAddress).HasMaxLength(512);
            entity.Property(x => x.ContentType).HasMaxLength(128);
            // A consumer deletes the kept row of the message it took (in-memory transport only).
            entity.HasIndex(x => x.MessageId);
        });

        modelBuilder.Entity<SagaHistoryEntry>(entity =>
        {
            entity.ToTable("SagaHistory", t => t.ExcludeFromMigrations(!OwnsDurabilityTables));
            entity.HasKey(x => new { x.CorrelationId, x.SequenceNumber });
            entity.Property(x => x.SagaType).HasMaxLength(128);
            entity.Property(x => x.EventName).HasMaxLength(128);
            entity.Property(x => x.FromState).HasMaxLength(64);
            entity.Property(x => x.ToState).HasMaxLength(64);
            entity.HasIndex(x => new { x.SagaType, x.OccurredAt });
        });

        modelBuilder.Entity<StartRequest>(entity =>
        {
            entity.ToTable("StartRequests", t => t.ExcludeFromMigrations(!OwnsDurabilityTables));
            entity.HasKey(x => x.SagaId);
            entity.Property(x => x.Route).HasMaxLength(128);
            entity.Property(x => x.IdempotencyKey).HasMaxLength(StartRequest.MaxIdempotencyKeyLength);
            entity.Property(x => x.RequestHash).HasMaxLength(64);
            entity.HasIndex(x => new { x.Route, x.IdempotencyKey }).IsUnique();
            entity.HasIndex(x => x.CreatedAt);
        });

        modelBuilder.Entity<StoredDeadLetter>(entity =>
        {
            entity.ToTable("DeadLetters", t => t.ExcludeFromMigrations(!OwnsDurabilityTables));
            entity.HasKey(x => x.SequenceNumber);
            entity.Property(x => x.SequenceNumber).ValueGeneratedOnAdd();
            entity.Property(x => x.Queue).HasMaxLength(256);
            entity.Property(x => x.MessageType).HasMaxLength(512);
            entity.Property(x => x.ContentType).HasMaxLength(128);
            entity.HasIndex(x => x.MessageId);
            entity.HasIndex(x => x.CorrelationId);
        });
    }
}
