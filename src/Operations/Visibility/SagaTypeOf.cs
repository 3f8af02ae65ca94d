using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Sagas.Durability.Sagas;

namespace Sagas.Operations.Visibility;

sealed class SagaType<TSaga>(DurableStateMachine<TSaga> machine) : SagaType
    where TSaga : SagaInstance
{
    public override IReadOnlySet<string> TerminalStates => machine.TerminalStates;

    public override IReadOnlySet<string> SucceededStates => machine.SucceededStates;

    internal override Task<List<SagaSummary>> ListAsync(DbContext db, SagaFilter filter, SagaPageCursor? after, int take, DateTime now,
        CancellationToken cancellationToken)
    {
        var query = Filtered(db, filter, now);
        if (after is { } cursor)
        {
            var (createdAt, id) = (cursor.CreatedAt, cursor.Id);
            query = Index.CompareTo(cursor.TypeIndex) switch
            {
                > 0 => query.Where(x => x.CreatedAt <= createdAt),
                < 0 => query.Where(x => x.CreatedAt < createdAt),
                _ => query.Where(x => x.CreatedAt < createdAt || (x.CreatedAt == createdAt && x.CorrelationId < id)),
            };
        }

        return query.OrderByDescending(x => x.CreatedAt).ThenByDescending(x => x.CorrelationId).Take(take)
            .Select(Summary).ToListAsync(cancellationToken);
    }

    internal override Task<int> CountAsync(DbContext db, SagaFilter filter, DateTime now, CancellationToken cancellationToken) =>
        Filtered(db, filter, now).CountAsync(cancellationToken);

    internal override async Task<List<(string State, int Version, int Count)>> CountByStateAndVersionAsync(DbContext db, CancellationToken cancellationToken) =>
        (await db.Set<TSaga>().GroupBy(x => new { x.CurrentState, x.DefinitionVersion })
            .Select(g => new { g.Key.CurrentState, g.Key.DefinitionVersion, Count = g.Count() })
            .ToListAsync(cancellationToken).ConfigureAwait(false))
        .Select(x => (x.CurrentState, x.DefinitionVersion, x.Count)).ToList();

    public override Task<List<VersionCount>> LiveOfUnknownVersionsAsync(DbContext db, CancellationToken cancellationToken) =>
        db.Set<TSaga>().Where(x => x.CompletedAt == null && (x.DefinitionVersion < OldestRunVersion || x.DefinitionVersion > DefinitionVersion))
            .GroupBy(x => x.DefinitionVersion).OrderBy(g => g.Key)
            .Select(g => new VersionCount(g.Key, g.Count(), 0))
            .ToListAsync(cancellationToken);

    public override Task<IReadOnlyList<(string State, int Count)>> MoveFormerStatesAsync(DbContext db, DateTime now, CancellationToken cancellationToken) =>
        WorkflowDefinitionCheck.MoveFormerStatesAsync(db, machine, now, cancellationToken);

    public override async Task<SagaInstance?> FindAsync(DbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.Set<TSaga>().AsNoTracking().SingleOrDefaultAsync(x => x.CorrelationId == id, cancellationToken);

    public override Task<List<SagaSummary>> ChildrenAsync(DbContext db, Guid parentId, CancellationToken cancellationToken) =>
        db.Set<TSaga>().AsNoTracking().Where(x => x.ParentId == parentId).OrderBy(x => x.CreatedAt).Select(Summary).ToListAsync(cancellationToken);

    public override string? RefuseCancel(SagaInstance saga) => machine.RefuseCancel((TSaga)saga);

    Expression<Func<TSaga, SagaSummary>> Summary
    {
        get
        {
            var name = Name;
            return x => new SagaSummary(x.CorrelationId, name, x.CurrentState, x.CreatedAt, x.UpdatedAt, x.CompletedAt, x.ParentId);
        }
    }

    IQueryable<TSaga> Filtered(DbContext db, SagaFilter filter, DateTime now)
    {
        var query = db.Set<TSaga>().AsNoTracking();
        if (filter.State is { } state)
            query = query.Where(x => x.CurrentState == state);
        if (filter.Since is { } since)
            query = query.Where(x => x.CreatedAt >= since);
        if (filter.Until is { } until)
            query = query.Where(x => x.CreatedAt < until);
        if (filter.RunningOnly || filter.StuckOnly)
        {
            var ended = TerminalStates.ToList();
            query = query.Where(x => !ended.Contains(x.CurrentState));
        }

        if (filter.StuckOnly)
        {
            var quietSince = now - StuckAfter;
            query = query.Where(x => x.UpdatedAt < quietSince);
        }

        foreach (var (name, text) in filter.Attributes)
            query = query.Where(Equal(FindAttribute(name)!, text));
        return query;
    }

    /// <summary>
    /// <c>x.Column == value</c> with the value read from a closure field, so EF sends it as a typed
    /// parameter: a filter value never becomes SQL text.
    /// </summary>
    static Expression<Func<TSaga, bool>> Equal(SearchAttribute attribute, string text)
    {
        if (!SearchAttributeValues.TryParse(attribute.Property.PropertyType, text, out var value))
            throw new SagaFilterException($"attr.{attribute.Name} must be {SearchAttributeValues.Describe(attribute.Property.PropertyType)}; '{text}' is not");

        var saga = Expression.Parameter(typeof(TSaga), "x");
        var holder = Activator.CreateInstance(typeof(FilterParameter<>).MakeGenericType(attribute.Property.PropertyType), value)!;
        var parameter = Expression.Field(Expression.Constant(holder), "Value");
        return Expression.Lambda<Func<TSaga, bool>>(Expression.Equal(Expression.Property(saga, attribute.Property), parameter), saga);
    }
}

sealed class FilterParameter<T>(T value)
{
    public readonly T Value = value;
}
