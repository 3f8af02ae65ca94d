using System.Reflection;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sagas.Durability.Hosting;
using Sagas.Durability.Sagas;

namespace Sagas.Operations.Visibility;

/// <summary>
/// Every registered state machine, and queries that span their tables: list and count by filter,
/// find an instance by id whatever its type, its children. Knows no workflow by name.
/// </summary>
public sealed class SagaCatalog
{
    public const int MaxPageSize = 500;

    static readonly MethodInfo DescribeMethod = typeof(SagaCatalog).GetMethod(nameof(Describe), BindingFlags.NonPublic | BindingFlags.Static)!;

    public SagaCatalog(IServiceProvider services, IModel model, Assembly workflows, IConfiguration configuration)
        : this(services, model, DurableStateMachines.In(workflows), configuration)
    {
    }

    /// <param name="machines">State machines registered in <paramref name="services"/>, with the saga each runs.</param>
    public SagaCatalog(IServiceProvider services, IModel model, IEnumerable<(Type Machine, Type State)> machines, IConfiguration configuration)
    {
        Types = machines
            .OrderBy(x => SagaTypeName.Of(x.State), StringComparer.Ordinal)
            .Select((x, index) => (SagaType)DescribeMethod.MakeGenericMethod(x.State)
                .Invoke(null, [services.GetRequiredService(x.Machine), index, model, services, configuration])!)
            .ToList();
    }

    public IReadOnlyList<SagaType> Types { get; }

    public SagaType? Find(string name) =>
        Types.FirstOrDefault(t => t.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The types a filter reaches; unknown types, states and attributes are errors, never empty results.</summary>
    public IReadOnlyList<SagaType> Resolve(SagaFilter filter)
    {
        IEnumerable<SagaType> types = Types;
        if (filter.Type is { } name)
            types = [Find(name) ?? throw new SagaFilterException($"unknown type '{name}'; known: {string.Join(", ", Types.Select(t => t.Name))}")];

        if (filter.State is { } state)
        {
            var stated = types.Where(t => t.Graph.States.Contains(state)).ToList();
            if (stated.Count == 0)
            {
                throw new SagaFilterException(filter.Type is null
                    ? $"no workflow has a state '{state}'"
                    : $"{types.Single().Name} has no state '{state}'; its states: {string.Join(", ", types.Single().Graph.States)}");
            }

            types = stated;
        }

        foreach (var attribute in filter.Attributes.Keys)
        {
            var having = types.Where(t => t.FindAttribute(attribute) is not null).ToList();
            if (having.Count == 0)
                throw new SagaFilterException($"no {(filter.Type is null ? "workflow" : filter.Type)} has the search attribute '{attribute}'; known: {string.Join(", ", types.SelectMany(t => t.SearchAttributes).Select(a => a.Name).Distinct())}");
            types = having;
        }

        if (filter.Since is { } since && filter.Until is { } until && since >= until)
            throw new SagaFilterException("since must be before until");
        return types.ToList();
    }

    /// <summary>Newest first across every type the filter reaches, one page after <paramref name="page"/>.</summary>
    public async Task<SagaPage> ListAsync(DbContext db, SagaFilter filter, string? page, int limit, DateTime now, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > MaxPageSize)
            throw new SagaFilterException($"limit must be between 1 and {MaxPageSize}");
        var types = Resolve(filter);
        var after = page is null ? (SagaPageCursor?)null : SagaPageCursor.Decode(page);

        var rows = new List<(SagaSummary Row, int TypeIndex, int Position)>();
        foreach (var type in types)
        {
            var found = await type.ListAsync(db, filter, after, limit + 1, now, cancellationToken);
            rows.AddRange(found.Select((row, position) => (row, type.Index, position)));
        }

        // Each table already returned its rows in order; the merge only interleaves tables.
        var merged = rows.OrderByDescending(x => x.Row.CreatedAt).ThenBy(x => x.TypeIndex).ThenBy(x => x.Position).ToList();
        var items = merged.Take(limit).ToList();
        var next = merged.Count > limit ? new SagaPageCursor(items[^1].Row.CreatedAt, items[^1].TypeIndex, items[^1].Row.Id).Encode() : null;
        return new SagaPage(items.Select(x => x.Row).ToList(), next);
    }

    public async Task<int> CountAsync(DbContext db, SagaFilter filter, DateTime now, CancellationToken cancellationToken)
    {
        var total = 0;
        foreach (var type in Resolve(filter))
            total += await type.CountAsync(db, filter, now, cancellationToken);
        return total;
    }

    public async Task<(SagaType Type, SagaInstance Saga)?> FindAsync(DbContext db, Guid id, CancellationToken cancellationToken)
    {
        foreach (var type in Types)
        {
            if (await type.FindAsync(db, id, cancellationToken) is { } saga)
                return (type, saga);
        }

        return null;
    }

    /// <summary>Terminate and cancel are declared in every state but refused once a saga has ended; the picture should say so.</summary>
    static SagaGraph WithoutGuardedEnds(SagaGraph graph, IReadOnlySet<string> terminal) =>
        graph with
        {
            Transitions = graph.Transitions
                .Where(t => !(terminal.Contains(t.From) && t.Event is nameof(TerminateSaga) or nameof(CancelSaga)))
                .ToList(),
        };

    static SagaType Describe<TSaga>(DurableStateMachine<TSaga> machine, int index, IModel model,
        IServiceProvider services, IConfiguration configuration)
        where TSaga : SagaInstance
    {
        var entity = model.FindEntityType(typeof(TSaga))
            ?? throw new InvalidOperationException($"{typeof(TSaga).Name} has no table: add its SagaInstanceMap to the context.");
        var name = SagaTypeName.Of(typeof(TSaga));
        var attributes = entity.GetProperties()
            .Where(p => p.SearchAttributeName() is not null && p.PropertyInfo is not null)
            .Select(p => new SearchAttribute(p.SearchAttributeName()!, p.GetColumnName(), p.PropertyInfo!))
            .ToList();

        return new SagaType<TSaga>(machine)
        {
            Name = name,
            Index = index,
            Table = entity.GetTableName()!,
            StateType = typeof(TSaga),
            Address = QueueAddresses.OfSaga(typeof(TSaga), services),
            Graph = WithoutGuardedEnds(machine.Graph, machine.TerminalStates),
            SearchAttributes = attributes,
            StuckAfter = configuration.GetValue<TimeSpan?>($"Sagas:Workflows:{name}:StuckAfter") ?? machine.StuckAfter,
            DefinitionVersion = machine.DefinitionVersion,
            OldestRunVersion = machine.OldestRunVersion,
        };
    }
}
