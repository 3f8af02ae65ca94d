// Scaffolds an EF Core migration for every durable DbContext on both providers, as `dotnet ef
// migrations add` would (that tool is not on our package registry).
// Usage: dotnet run scripts/add-migration.cs -- <MigrationName> [Durability|ActivityWorkers|Orchestrator ...]
// Naming projects scaffolds only theirs; a model that did not change gets an empty migration.
#:project ../src/Orchestrator/Orchestrator.csproj
#:package Microsoft.EntityFrameworkCore.Design
#:property NoWarn=$(NoWarn);EF1001
#:property PublishAot=false

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Migrations.Design;
using Microsoft.EntityFrameworkCore.Sqlite.Design.Internal;
using Microsoft.Extensions.DependencyInjection;
using Npgsql.EntityFrameworkCore.PostgreSQL.Design.Internal;
using Sagas.ActivityWorkers.Ledger;
using Sagas.Durability.Storage;
using Sagas.Orchestrator.Data;

var name = args.FirstOrDefault() ?? throw new ArgumentException("Usage: dotnet run scripts/add-migration.cs -- <MigrationName>");
var only = args.Skip(1).ToHashSet(StringComparer.OrdinalIgnoreCase);
var root = Path.GetFullPath(Path.Combine(AppContext.GetData("EntryPointFileDirectoryPath") as string ?? "scripts", ".."));

Scaffold<SqliteDurabilityDbContext>("src/Durability", "Sagas.Durability", "Sqlite", sqlite: true);
Scaffold<PostgresDurabilityDbContext>("src/Durability", "Sagas.Durability", "Postgres", sqlite: false);
Scaffold<SqliteLedgerDbContext>("src/ActivityWorkers", "Sagas.ActivityWorkers", "Sqlite", sqlite: true);
Scaffold<PostgresLedgerDbContext>("src/ActivityWorkers", "Sagas.ActivityWorkers", "Postgres", sqlite: false);
Scaffold<SqliteSagasDbContext>("src/Orchestrator", "Sagas.Orchestrator", "Sqlite", sqlite: true);
Scaffold<PostgresSagasDbContext>("src/Orchestrator", "Sagas.Orchestrator", "Postgres", sqlite: false);

void Scaffold<TContext>(string project, string rootNamespace, string provider, bool sqlite)
    where TContext : DbContext
{
    if (only.Count > 0 && !only.Contains(Path.GetFileName(project)))
        return;

    var builder = new DbContextOptionsBuilder<TContext>();
    if (sqlite)
        builder.UseSqlite("Data Source=:memory:");
    else
        builder.UseNpgsql("Host=localhost");

    using var db = (TContext)Activator.CreateInstance(typeof(TContext), builder.Options)!;
    var services = new ServiceCollection().AddEntityFrameworkDesignTimeServices().AddDbContextDesignTimeServices(db);
    if (sqlite)
        new SqliteDesignTimeServices().ConfigureDesignTimeServices(services);
    else
        new NpgsqlDesignTimeServices().ConfigureDesignTimeServices(services);

    var scaffolder = services.BuildServiceProvider().GetRequiredService<IMigrationsScaffolder>();
    var migration = scaffolder.ScaffoldMigration(name, rootNamespace, $"Migrations.{provider}", "C#");
    var files = scaffolder.Save(Path.Combine(root, project), migration, Path.Combine(root, project, "Migrations", provider));
    Console.WriteLine($"{typeof(TContext).Name}: {Path.GetRelativePath(root, files.MigrationFile!)}");
}
