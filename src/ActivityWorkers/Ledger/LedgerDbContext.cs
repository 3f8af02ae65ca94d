using Microsoft.EntityFrameworkCore;
using Sagas.ActivityWorkers.Expenses;
using Sagas.ActivityWorkers.Inventory;
using Sagas.ActivityWorkers.Mail;
using Sagas.ActivityWorkers.Payments;
using Sagas.ActivityWorkers.Provisioning;
using Sagas.ActivityWorkers.Reports;
using Sagas.ActivityWorkers.Shipping;
using Sagas.Durability.Storage;

namespace Sagas.ActivityWorkers.Ledger;

/// <summary>The accounts and their movements, and what other activities record, beside the shared inbox and outbox.</summary>
public abstract class LedgerDbContext(DbContextOptions options) : DurableDbContext(options)
{
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();
    public DbSet<LedgerRejection> LedgerRejections => Set<LedgerRejection>();
    public DbSet<DailyReport> DailyReports => Set<DailyReport>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Account>(entity =>
        {
            entity.ToTable("Accounts");
            entity.Property(x => x.Id).HasMaxLength(LedgerLimits.AccountIdLength);
            entity.Property(x => x.Balance).HasPrecision(LedgerLimits.AmountPrecision, LedgerLimits.AmountScale);
            entity.Property(x => x.Version).IsConcurrencyToken();
        });

        modelBuilder.Entity<LedgerEntry>(entity =>
        {
            entity.ToTable("LedgerEntries");
            entity.Property(x => x.ReferenceId).HasMaxLength(100);
            entity.Property(x => x.AccountId).HasMaxLength(LedgerLimits.AccountIdLength);
            entity.Property(x => x.Amount).HasPrecision(LedgerLimits.AmountPrecision, LedgerLimits.AmountScale);
            entity.HasIndex(x => x.ReferenceId).IsUnique();
            entity.HasIndex(x => x.AccountId);
        });

        modelBuilder.Entity<LedgerRejection>(entity =>
        {
            entity.ToTable("LedgerRejections");
            entity.HasKey(x => x.ReferenceId);
            entity.Property(x => x.ReferenceId).HasMaxLength(100);
            entity.Property(x => x.AccountId).HasMaxLength(LedgerLimits.AccountIdLength);
            entity.Property(x => x.Reason).HasMaxLength(256);
        });

        modelBuilder.ApplyConfiguration(new ApprovalNotificationMap());
        modelBuilder.ApplyConfiguration(new SentMailMap());
        modelBuilder.ApplyConfiguration(new InventoryItemMap());
        modelBuilder.ApplyConfiguration(new InventoryHoldMap());
        modelBuilder.ApplyConfiguration(new InventoryHoldLineMap());
        modelBuilder.ApplyConfiguration(new PaymentMap());
        modelBuilder.ApplyConfiguration(new ShipmentMap());
        modelBuilder.ApplyConfiguration(new ProvisionedResourceMap());

        modelBuilder.Entity<DailyReport>(entity =>
        {
            entity.ToTable("DailyReports");
            entity.HasKey(x => x.ReportDate);
            entity.Property(x => x.Total).HasPrecision(LedgerLimits.AmountPrecision, LedgerLimits.AmountScale);
            entity.Property(x => x.Credits).HasPrecision(LedgerLimits.AmountPrecision, LedgerLimits.AmountScale);
            entity.Property(x => x.Debits).HasPrecision(LedgerLimits.AmountPrecision, LedgerLimits.AmountScale);
        });
    }
}

public sealed class SqliteLedgerDbContext(DbContextOptions<SqliteLedgerDbContext> options) : LedgerDbContext(options);

public sealed class PostgresLedgerDbContext(DbContextOptions<PostgresLedgerDbContext> options) : LedgerDbContext(options);
