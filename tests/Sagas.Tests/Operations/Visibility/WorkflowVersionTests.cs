using MassTransit;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sagas.Contracts;
using Sagas.Durability.Sagas;
using Sagas.Durability.Storage;
using Sagas.Operations.Visibility;
using Sagas.Orchestrator.Workflows.Reminders;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Operations.Visibility;

/// <summary>
/// A new version of a state machine never strands the instances of the old one: a state it no longer
/// has either is declared former (its instances move on at start) or refuses the start with the reason.
/// </summary>
public sealed class WorkflowVersionTests : IAsyncLifetime
{
    readonly string _file = Path.Combine(Path.GetTempPath(), $"sagas-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task An_orchestrator_whose_definition_would_strand_live_instances_refuses_to_start_and_says_which()
    {
        var id = Guid.NewGuid();
        await using (var host = await OrchestratorHost.StartAsync(OrchestratorHost.Embedded(_file)))
        {
            await host.Bus.Publish(new ScheduleReminders { ReminderId = id, Recipient = "dana@example.com", Subject = "Renew your badge" });
            await host.Services.WaitForStateAsync<ReminderState>(id, "Sleeping");
        }

        // As if an older version had called the state Dozing, and this one knows nothing of it.
        await ExecuteAsync($"UPDATE reminder_sagas SET current_state = 'Dozing' WHERE correlation_id = '{id.ToString().ToUpperInvariant()}'");

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => OrchestratorHost.StartAsync(OrchestratorHost.Embedded(_file)));
        Assert.Contains("Reminder has live instances in states its definition no longer has: Dozing (1)", refused.Message, StringComparison.Ordinal);
        Assert.Contains("FormerState(\"Dozing\"", refused.Message, StringComparison.Ordinal);

        await ExecuteAsync("UPDATE reminder_sagas SET current_state = 'Sleeping'");
        await using var restarted = await OrchestratorHost.StartAsync(OrchestratorHost.Embedded(_file));
        Assert.Equal("Sleeping", (await restarted.Services.WaitForStateAsync<ReminderState>(id, "Sleeping")).CurrentState);
    }

    [Fact]
    public async Task Instances_in_a_declared_former_state_move_on_and_only_live_ones_in_an_unknown_state_are_stranded()
    {
        await using var db = new LampDbContext(new DbContextOptionsBuilder<LampDbContext>().UseSqlite($"Data Source={_file}").Options);
        await db.Database.EnsureCreatedAsync();
        var (lit, broken, flickering) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        db.AddRange(
            new LampState { CorrelationId = lit, CurrentState = "Lit", Version = 3 },
            new LampState { CorrelationId = broken, CurrentState = "Broken", CompletedAt = DateTime.UtcNow },
            new LampState { CorrelationId = flickering, CurrentState = "Flickering" });
        await db.SaveChangesAsync();

        var stranded = await WorkflowDefinitionCheck.MoveFormerStatesAsync(db, new LampStateMachine(), DateTime.UtcNow, CancellationToken.None);

        Assert.Equal([("Flickering", 1)], stranded);
        var lamps = await db.Set<LampState>().AsNoTracking().ToDictionaryAsync(x => x.CorrelationId);
        Assert.Equal(("On", 4), (lamps[lit].CurrentState, lamps[lit].Version));
        var moved = await db.Set<SagaHistoryEntry>().AsNoTracking().SingleAsync();
        Assert.Equal((lit, "Lit", "On", WorkflowDefinitionCheck.MovedByDefinition), (moved.CorrelationId, moved.FromState, moved.ToState, moved.EventName));
        Assert.Equal("Broken", lamps[broken].CurrentState);
    }

    async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_file}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.True(await command.ExecuteNonQueryAsync() > 0, $"no row changed by {sql}");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(_file) + "*"))
            File.Delete(file);
        return Task.CompletedTask;
    }
}

public sealed record SwitchLamp(Guid LampId);

public sealed class LampState : SagaInstance;

/// <summary>Version 2 of a lamp: what version 1 called Lit is On now.</summary>
public sealed class LampStateMachine : DurableStateMachine<LampState>
{
    public LampStateMachine()
    {
        Event(() => Switch, e => e.CorrelateById(m => m.Message.LampId));
        Initially(When(Switch).TransitionTo(On));
        During(On, When(Switch).TransitionTo(Off));
        FormerState("Lit", On);
    }

    public State On { get; private set; } = null!;
    public State Off { get; private set; } = null!;

    public Event<SwitchLamp> Switch { get; private set; } = null!;
}

public sealed class LampStateMap : SagaInstanceMap<LampState>
{
    protected override void ConfigureFields(EntityTypeBuilder<LampState> entity)
    {
    }
}

public sealed class LampDbContext(DbContextOptions<LampDbContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new LampStateMap());
        modelBuilder.Entity<SagaHistoryEntry>().HasKey(x => new { x.CorrelationId, x.SequenceNumber });
        modelBuilder.UseSnakeCaseNames();
    }
}
