using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sagas.Durability.Activities;
using Sagas.Durability.Compensation;
using Sagas.Durability.Storage;

namespace Sagas.Durability.Sagas;

/// <summary>Maps the common saga columns, and those of steps and compensations for sagas that have them; a workflow's map adds its business fields.</summary>
public abstract class SagaInstanceMap<TSaga> : IEntityTypeConfiguration<TSaga>
    where TSaga : SagaInstance
{
    public void Configure(EntityTypeBuilder<TSaga> entity)
    {
        // Named after the workflow: an OrderState's table is order_sagas (names are snake_cased).
        entity.ToTable($"{SagaTypeName.Of(typeof(TSaga))}Sagas");
        entity.HasKey(x => x.CorrelationId);
        entity.Property(x => x.CorrelationId).ValueGeneratedNever();
        entity.Property(x => x.CurrentState).HasMaxLength(64);
        entity.Property(x => x.Version).IsConcurrencyToken();
        // Listings go newest first, by state or not; the id breaks ties so that a page ends at one row.
        entity.HasIndex(x => new { x.CurrentState, x.CreatedAt });
        entity.HasIndex(x => new { x.CreatedAt, x.CorrelationId });
        entity.HasIndex(x => x.UpdatedAt);
        entity.Property(x => x.ParentAddress).HasMaxLength(256);
        entity.HasIndex(x => x.ParentId);
        entity.Property(x => x.FailureReason).HasMaxLength(512);
        entity.Property(x => x.TerminationReason).HasMaxLength(512);
        if (typeof(IActivityStepState).IsAssignableFrom(typeof(TSaga)))
            MapStep(entity);
        if (typeof(ICompensatingState).IsAssignableFrom(typeof(TSaga)))
            MapCompensations(entity);

        ConfigureFields(entity);
    }

    /// <summary>
    /// Only sagas waiting on a step are in the deadline index, so the sweeper's look costs the same
    /// however many instances have finished.
    /// </summary>
    static void MapStep(EntityTypeBuilder<TSaga> entity)
    {
        entity.Property(nameof(IActivityStepState.CurrentStep)).HasMaxLength(64);
        entity.HasIndex(nameof(IActivityStepState.StepDeadline)).HasFilter("step_deadline IS NOT NULL");
    }

    /// <summary>The pending undo commands are a JSON text column, readable with SQL.</summary>
    static void MapCompensations(EntityTypeBuilder<TSaga> entity)
    {
        entity.Property<List<CompensationRecord>>(nameof(ICompensatingState.Compensations)).HasJsonConversion();
        entity.Property(nameof(ICompensatingState.CompensatedState)).HasMaxLength(64);
        entity.Property(nameof(ICompensatingState.CompensationRequestStep)).HasMaxLength(64);
    }

    protected abstract void ConfigureFields(EntityTypeBuilder<TSaga> entity);
}
