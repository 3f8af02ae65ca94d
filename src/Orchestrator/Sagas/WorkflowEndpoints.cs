using Sagas.Durability.Sagas;
using Sagas.Operations.Visibility;
using Sagas.Orchestrator.Data;

namespace Sagas.Orchestrator.Sagas;

/// <summary><c>GET /api/workflows</c>: each state machine's graph, drawn from its definition, with live counts per state and instances per definition version.</summary>
public sealed class WorkflowEndpoints : IEndpointGroup
{
    public record StateCount(string Name, int Count, bool Terminal, bool Succeeded);

    public record AttributeView(string Name, string Column, string Type);

    public record WorkflowView(
        string Type, string Table, IReadOnlyList<StateCount> States, IReadOnlyList<AttributeView> SearchAttributes,
        IReadOnlyList<string> Signals, TimeSpan StuckAfter, SagaGraph Graph, int Version, IReadOnlyList<VersionCount> Versions);

    public void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/workflows", ListAsync).WithTags("Workflows");
    }

    static async Task<IResult> ListAsync(SagaCatalog catalog, SignalCatalog signals, SagasDbContext db, CancellationToken ct)
    {
        var views = new List<WorkflowView>();
        foreach (var type in catalog.Types)
        {
            var counts = await type.CountInstancesAsync(db, ct);
            views.Add(new WorkflowView(
                type.Name, type.Table,
                type.Graph.States.Where(s => s != "Initial")
                    .Select(s => new StateCount(s, counts.ByState.GetValueOrDefault(s), type.TerminalStates.Contains(s), type.SucceededStates.Contains(s))).ToList(),
                type.SearchAttributes.Select(a => new AttributeView(a.Name, a.Column, a.Kind)).ToList(),
                signals.NamesFor(type.StateType).ToList(), type.StuckAfter, type.Graph,
                type.DefinitionVersion, counts.ByVersion));
        }

        return Results.Ok(views);
    }
}
