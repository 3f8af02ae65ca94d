using Microsoft.EntityFrameworkCore;
using Sagas.Durability.Storage;

namespace Sagas.Orchestrator.Data;

/// <summary>Every workflow's saga table; each workflow folder brings its own map.</summary>
public abstract class SagasDbContext(DbContextOptions options) : DurableDbContext(options)
{
    protected override void ConfigureModel(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(SagasDbContext).Assembly);
}

public sealed class SqliteSagasDbContext(DbContextOptions<SqliteSagasDbContext> options) : SagasDbContext(options);

public sealed class PostgresSagasDbContext(DbContextOptions<PostgresSagasDbContext> options) : SagasDbContext(options);

public sealed class SqliteSagasDesignTimeFactory() : DesignTimeDbContextFactory<SqliteSagasDbContext>(DatabaseProvider.Sqlite);

public sealed class PostgresSagasDesignTimeFactory() : DesignTimeDbContextFactory<PostgresSagasDbContext>(DatabaseProvider.Postgres);
