using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Sagas.Durability.Hosting;
using Sagas.Durability.Sagas;

namespace Sagas.Operations.Visibility;

/// <summary>
/// Run at start, before any message is taken: instances in a state a definition declares former
/// are moved on, and a definition that would strand live instances (in a state it no longer has,
/// with nowhere declared for them to go, or started on a version whose path it no longer keeps)
/// refuses to start, saying which workflow, states or versions and how many.
/// </summary>
public static class WorkflowDefinitionCheck
{
    public static async Task CheckWorkflowDefinitionsAsync<TContext>(this IServiceProvider services, CancellationToken cancellationToken = default)
        where TContext : DbContext
    {
        var problems = new List<string>();
        try
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<TContext>();
            var now = (services.GetService<TimeProvider>() ?? TimeProvider.System).GetUtcNow().UtcDateTime;
            foreach (var type in scope.ServiceProvider.GetRequiredService<SagaCatalog>().Types)
            {
                var stranded = await type.MoveFormerStatesAsync(db, now, cancellationToken).ConfigureAwait(false);
                if (stranded.Count > 0)
                    problems.Add($"{type.Name} has live instances in states its definition no longer has: "
                        + string.Join(", ", stranded.Select(s => $"{s.State} ({s.Count})"))
                        + $". Keep those states until their instances end, or declare where they continue with FormerState(\"{stranded[0].State}\", …) in its state machine.");

                var versions = await type.LiveOfUnknownVersionsAsync(db, cancellationToken).ConfigureAwait(false);
                if (versions.Count > 0)
                    problems.Add($"{type.Name} has live instances of versions its definition (version {type.DefinitionVersion}, running versions {type.OldestRunVersion} to {type.DefinitionVersion}) has no path for: "
                        + string.Join(", ", versions.Select(v => $"version {v.Version} ({v.Running})"))
                        + (versions[0].Version < type.OldestRunVersion
                            ? ". Keep their path (SinceVersion) and the oldest version it runs (Versioned) until they end."
                            : ". They started on a newer definition than this one: deploy that version or a later one."));
            }
        }
        catch (Exception exception) when (DatabaseOutage.IsTransient(exception))
        {
            // Migrations, when on, have already waited for the database; a process told not to touch it at
            // start (Sagas:ApplyMigrations false) still starts while it is down, as it always has, and reports not ready.
            services.GetService<ILoggerFactory>()?.CreateLogger(typeof(WorkflowDefinitionCheck))
                .LogWarning(exception, "The workflows' definitions were not checked against their instances: the database is unreachable");
            return;
        }

        if (problems.Count > 0)
            throw new InvalidOperationException($"This version would strand running sagas, so it does not start. {string.Join(" ", problems)}");
    }

    /// <summary>
    /// Moves one workflow's instances out of the states its definition declares former, and counts
    /// the live ones left in states it does not have: those could never move again.
    /// </summary>
    public static async Task<IReadOnlyList<(string State, int Count)>> MoveFormerStatesAsync<TSaga>(DbContext db, DurableStateMachine<TSaga> machine,
        DateTime now, CancellationToken cancellationToken)
        where TSaga : SagaInstance
    {
        var known = machine.States.Select(s => s.Name).ToHashSet();
        var unknown = (await db.Set<TSaga>().Select(x => x.CurrentState).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false))
            .Where(s => !known.Contains(s));
        var stranded = new List<(string, int)>();
        foreach (var state in unknown)
        {
            if (machine.FormerStates.TryGetValue(state, out var current))
            {
                await MoveAsync<TSaga>(db, state, current, now, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var live = await db.Set<TSaga>().CountAsync(x => x.CurrentState == state && x.CompletedAt == null, cancellationToken).ConfigureAwait(false);
            if (live > 0)
                stranded.Add((state, live));
        }

        return stranded;
    }

    /// <summary>The event a moved instance's history shows, between the state it had and the one it continues from.</summary>
    public const string MovedByDefinition = "DefinitionChanged";

    /// <summary>
    /// Moves the instances of a former state in batches, each with a history row saying why. The
    /// version moves too, so that a process of the old definition still holding one fails its update.
    /// </summary>
    static async Task MoveAsync<TSaga>(DbContext db, string former, string current, DateTime at, CancellationToken cancellationToken)
        where TSaga : SagaInstance
    {
        while (await db.Set<TSaga>().Where(x => x.CurrentState == former).OrderBy(x => x.CorrelationId).Take(500)
                   .ToListAsync(cancellationToken).ConfigureAwait(false) is { Count: > 0 } batch)
        {
            foreach (var saga in batch)
            {
                db.Add(new SagaHistoryEntry
                {
                    CorrelationId = saga.CorrelationId,
                    SequenceNumber = ++saga.HistoryCount,
                    SagaType = typeof(TSaga).Name,
                    EventName = MovedByDefinition,
                    FromState = former,
                    ToState = current,
                    OccurredAt = at,
                });
                saga.CurrentState = current;
                saga.Version++;
            }

            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            db.ChangeTracker.Clear();
        }
    }
}
