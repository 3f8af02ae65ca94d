using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Sagas.Durability.Storage;

/// <summary>
/// How <c>dotnet ef</c> makes a context to scaffold a migration from: the model alone, reaching no
/// server. A context of the provider the app is not configured for is not among its services, so
/// each context closes this once, beside its declaration.
/// </summary>
public abstract class DesignTimeDbContextFactory<TContext>(DatabaseProvider provider) : IDesignTimeDbContextFactory<TContext>
    where TContext : DbContext
{
    public TContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<TContext>();
        if (provider == DatabaseProvider.Postgres)
            options.UseNpgsql("Host=localhost");
        else
            options.UseSqlite("Data Source=:memory:");
        return (TContext)Activator.CreateInstance(typeof(TContext), options.Options)!;
    }
}
