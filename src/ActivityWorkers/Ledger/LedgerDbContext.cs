using Microsoft.EntityFrameworkCore;
using Sagas.ActivityWorkers.Reports;
using Sagas.Durability.Storage;

namespace Sagas.ActivityWorkers.Ledger;

/// <summary>The accounts and their movements, and what other activities record, beside the shared inbox and outbox.</summary>
public abstract class LedgerDbContext(DbContextOptions options) : DurableDbContext(options)
{
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();
    public DbSet<LedgerRejection> LedgerRejections => Set<LedgerRejection>();
    public DbSet<DailyReport> DailyReports => Set<DailyReport>();

    /// <summary>Each activity folder brings the maps of what it records; they are all found in this assembly.</summary>
    protected override void ConfigureModel(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(LedgerDbContext).Assembly);
}

public sealed class SqliteLedgerDbContext(DbContextOptions<SqliteLedgerDbContext> options) : LedgerDbContext(options);

public sealed class PostgresLedgerDbContext(DbContextOptions<PostgresLedgerDbContext> options) : LedgerDbContext(options);

public sealed class SqliteLedgerDesignTimeFactory() : DesignTimeDbContextFactory<SqliteLedgerDbContext>(DatabaseProvider.Sqlite);

public sealed class PostgresLedgerDesignTimeFactory() : DesignTimeDbContextFactory<PostgresLedgerDbContext>(DatabaseProvider.Postgres);
