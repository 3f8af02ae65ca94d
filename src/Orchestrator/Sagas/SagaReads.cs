using Microsoft.EntityFrameworkCore;
using Sagas.Durability.Sagas;
using Sagas.Orchestrator.Data;

namespace Sagas.Orchestrator.Sagas;

public static class SagaReads
{
    /// <summary>
    /// A workflow's <c>GET {Path}/{id}</c>: the instance read from its row (never through the state
    /// machine, so reading neither locks nor wakes it) with its history, as <paramref name="view"/>
    /// shows them; a 404 naming the workflow's noun when there is none.
    /// </summary>
    public static async Task<IResult> ReadAsync<TSaga, TView>(this SagasDbContext db, StartRoute route, Guid id,
        Func<TSaga, IReadOnlyList<SagaHistoryView>, TView> view, CancellationToken cancellationToken)
        where TSaga : SagaInstance
    {
        var saga = await db.Set<TSaga>().AsNoTracking().SingleOrDefaultAsync(x => x.CorrelationId == id, cancellationToken);
        return saga is null
            ? Results.Problem($"No {route.Noun} {id}", statusCode: StatusCodes.Status404NotFound)
            : Results.Ok(view(saga, await SagaHistoryView.LoadAsync(db, id, cancellationToken)));
    }
}
