using Microsoft.EntityFrameworkCore;
using Sagas.Durability.Sagas;
using Sagas.Durability.Storage;

namespace Sagas.Testing;

/// <summary>
/// The durability tables and one saga's table, mapped by the workflow's own <see cref="SagaInstanceMap{TSaga}"/>
/// (found beside its state), so a test runs the very columns the orchestrator does.
/// </summary>
public sealed class WorkflowTestDbContext<TSaga>(DbContextOptions<WorkflowTestDbContext<TSaga>> options) : DurableDbContext(options)
    where TSaga : SagaInstance
{
    protected override void ConfigureModel(ModelBuilder modelBuilder) => modelBuilder.ApplyConfiguration(MapOf());

    static IEntityTypeConfiguration<TSaga> MapOf()
    {
        var maps = typeof(TSaga).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IEntityTypeConfiguration<TSaga>).IsAssignableFrom(t))
            .ToList();
        return maps.Count switch
        {
            0 => new PlainMap(),
            1 => (IEntityTypeConfiguration<TSaga>)Activator.CreateInstance(maps[0])!,
            _ => throw new InvalidOperationException($"{typeof(TSaga).Name} has {maps.Count} maps ({string.Join(", ", maps.Select(m => m.Name))}); keep one."),
        };
    }

    /// <summary>A saga with no map of its own has the common columns only.</summary>
    sealed class PlainMap : SagaInstanceMap<TSaga>
    {
        protected override void ConfigureFields(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<TSaga> entity)
        {
        }
    }
}
