using MassTransit;
using Microsoft.EntityFrameworkCore;
using Sagas.Durability.Sagas;

namespace Sagas.Operations.Visibility;

/// <summary>One registered state machine as operators see it: its table, states, graph and searchable fields.</summary>
public abstract class SagaType
{
    public required string Name { get; init; }
    public required int Index { get; init; }
    public required string Table { get; init; }
    public required Type StateType { get; init; }
    public required Uri Address { get; init; }
    public required SagaGraph Graph { get; init; }
    public required IReadOnlyList<SearchAttribute> SearchAttributes { get; init; }
    public required TimeSpan StuckAfter { get; init; }
    public required int DefinitionVersion { get; init; }
    public required int OldestRunVersion { get; init; }
    public abstract IReadOnlySet<string> TerminalStates { get; }
    public abstract IReadOnlySet<string> SucceededStates { get; }

    public SearchAttribute? FindAttribute(string name) =>
        SearchAttributes.FirstOrDefault(a => a.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    internal abstract Task<List<SagaSummary>> ListAsync(DbContext db, SagaFilter filter, SagaPageCursor? after, int take, DateTime now, CancellationToken cancellationToken);

    internal abstract Task<int> CountAsync(DbContext db, SagaFilter filter, DateTime now, CancellationToken cancellationToken);

    /// <summary>
    /// The instances by state, and by the definition version they started on (how many still run, how many
    /// ended), from one grouped query: the dashboard asks for every workflow's every two seconds.
    /// </summary>
    public async Task<SagaCounts> CountInstancesAsync(DbContext db, CancellationToken cancellationToken)
    {
        var groups = await CountByStateAndVersionAsync(db, cancellationToken).ConfigureAwait(false);
        var byState = groups.GroupBy(x => x.State).ToDictionary(g => g.Key, g => g.Sum(x => x.Count));
        var byVersion = groups.GroupBy(x => x.Version).OrderBy(g => g.Key)
            .Select(g => new VersionCount(g.Key,
                Running: g.Where(x => !TerminalStates.Contains(x.State)).Sum(x => x.Count),
                Ended: g.Where(x => TerminalStates.Contains(x.State)).Sum(x => x.Count)))
            .ToList();
        return new SagaCounts(byState, byVersion);
    }

    internal abstract Task<List<(string State, int Version, int Count)>> CountByStateAndVersionAsync(DbContext db, CancellationToken cancellationToken);

    /// <summary>Live instances of versions this definition has no path for, by version.</summary>
    public abstract Task<List<VersionCount>> LiveOfUnknownVersionsAsync(DbContext db, CancellationToken cancellationToken);

    /// <summary>
    /// Moves instances out of the states the definition declares former, and counts the live ones
    /// left in states it does not have: those could never move again.
    /// </summary>
    public abstract Task<IReadOnlyList<(string State, int Count)>> MoveFormerStatesAsync(DbContext db, DateTime now, CancellationToken cancellationToken);

    public abstract Task<SagaInstance?> FindAsync(DbContext db, Guid id, CancellationToken cancellationToken);

    public abstract Task<List<SagaSummary>> ChildrenAsync(DbContext db, Guid parentId, CancellationToken cancellationToken);

    /// <summary>Why the instance cannot be cancelled now, or null if it can; the saga itself decides races.</summary>
    public abstract string? RefuseCancel(SagaInstance saga);

    public bool HasEnded(SagaInstance saga) => TerminalStates.Contains(saga.CurrentState);
}

/// <summary>A workflow's instances counted by state and by the version they started on.</summary>
public sealed record SagaCounts(IReadOnlyDictionary<string, int> ByState, IReadOnlyList<VersionCount> ByVersion);

/// <summary>A workflow's instances that started on one version of its definition.</summary>
public sealed record VersionCount(int Version, int Running, int Ended);
