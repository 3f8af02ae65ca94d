using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Sagas.Durability.Sagas;
using Sagas.Operations.Visibility;
using Sagas.Orchestrator.Data;

namespace Sagas.Orchestrator.Sagas;

public sealed record SagaLink(Guid Id, string Type, string State);

/// <summary>One instance whatever its workflow: its row, its place in a tree of sagas and its history.</summary>
public sealed record SagaDetail(
    Guid Id, string Type, string State, bool Terminal, DateTime CreatedAt, DateTime UpdatedAt, DateTime? CompletedAt,
    IReadOnlyDictionary<string, object?> Fields, SagaLink? Parent, IReadOnlyList<SagaSummary> Children,
    IReadOnlyList<string> Signals, IReadOnlyList<SagaHistoryView> History)
{
    static readonly HashSet<string> Common =
    [
        nameof(SagaInstance.CorrelationId), nameof(SagaInstance.CurrentState), nameof(SagaInstance.CreatedAt), nameof(SagaInstance.UpdatedAt),
        nameof(SagaInstance.CompletedAt), nameof(SagaInstance.ParentId),
    ];

    public static async Task<SagaDetail?> LoadAsync(SagaCatalog catalog, SignalCatalog signals, SagasDbContext db, Guid id, CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(db, id, cancellationToken) is not var (type, saga))
            return null;

        SagaLink? parent = null;
        if (saga.ParentId is { } parentId && await catalog.FindAsync(db, parentId, cancellationToken) is var (parentType, parentSaga))
            parent = new SagaLink(parentId, parentType.Name, parentSaga.CurrentState);

        var children = new List<SagaSummary>();
        foreach (var childType in catalog.Types)
            children.AddRange(await childType.ChildrenAsync(db, id, cancellationToken));

        return new SagaDetail(saga.CorrelationId, type.Name, saga.CurrentState, type.HasEnded(saga), saga.CreatedAt, saga.UpdatedAt, saga.CompletedAt,
            ColumnsOf(db, type, saga), parent, children, signals.NamesFor(type.StateType).ToList(), await SagaHistoryView.LoadAsync(db, id, cancellationToken));
    }

    /// <summary>Every mapped column of the row but the ones the detail already shows, by property name.</summary>
    static Dictionary<string, object?> ColumnsOf(DbContext db, SagaType type, SagaInstance saga) =>
        db.Model.FindEntityType(type.StateType)!.GetProperties()
            .Where(p => p.PropertyInfo is not null && !Common.Contains(p.Name))
            .ToDictionary(p => JsonNamingPolicy.CamelCase.ConvertName(p.Name), p => p.PropertyInfo!.GetValue(saga));
}
