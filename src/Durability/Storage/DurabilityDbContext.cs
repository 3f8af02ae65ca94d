using Microsoft.EntityFrameworkCore;

namespace Sagas.Durability.Storage;

/// <summary>Owns the migrations of the inbox, outbox and saga history tables.</summary>
public abstract class DurabilityDbContext(DbContextOptions options) : DurableDbContext(options)
{
    private protected override bool OwnsDurabilityTables => true;

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
    }
}

public sealed class SqliteDurabilityDbContext(DbContextOptions<SqliteDurabilityDbContext> options) : DurabilityDbContext(options);

public sealed class PostgresDurabilityDbContext(DbContextOptions<PostgresDurabilityDbContext> options) : DurabilityDbContext(options);

public sealed class SqliteDurabilityDesignTimeFactory() : DesignTimeDbContextFactory<SqliteDurabilityDbContext>(DatabaseProvider.Sqlite);

public sealed class PostgresDurabilityDesignTimeFactory() : DesignTimeDbContextFactory<PostgresDurabilityDbContext>(DatabaseProvider.Postgres);
