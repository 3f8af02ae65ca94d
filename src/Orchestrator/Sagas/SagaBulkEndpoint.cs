using System.Text.Json.Nodes;
using Sagas.Durability.DeadLetters;
using Sagas.Operations.Visibility;
using Sagas.Orchestrator.Data;

namespace Sagas.Orchestrator.Sagas;

/// <summary>
/// One operation on every running saga a filter matches. A dry run (the default) only counts them;
/// the real run sends in chunks, each committed to the outbox before the next is read.
/// </summary>
public static class SagaBulkEndpoint
{
    const int Chunk = 500;
    const int RefusalsShown = 20;

    public record BulkFilter(string? Type, string? State, string? Since, string? Until, Dictionary<string, string>? Attributes);

    public record BulkRequest(BulkFilter? Filter, bool? DryRun, string? Signal, JsonObject? Data, string? Reason);

    public record BulkRefusal(Guid Id, string Reason);

    /// <param name="Messages">For a redrive: the dead letters of the matching sagas.</param>
    public record BulkResult(string Operation, bool DryRun, int Matched, int Applied, IReadOnlyList<BulkRefusal> Refused, int? Messages = null);

    public static Task<IResult> RunAsync(string operation, BulkRequest? request, SagaCatalog catalog, SignalCatalog signals, SagaControl control,
        IDeadLetters deadLetters, SagasDbContext db, TimeProvider clock, CancellationToken ct) =>
        SagaEndpoints.Filtered(async () =>
        {
            var redrive = operation.Equals("redrive", StringComparison.OrdinalIgnoreCase);
            var op = SagaOperation.Signal;
            if (!redrive && (!Enum.TryParse(operation, ignoreCase: true, out op) || int.TryParse(operation, out _)))
                throw new SagaFilterException($"unknown operation '{operation}'; use signal, cancel, terminate or redrive");
            if (request?.Filter is not { } body)
                throw new SagaFilterException("give a filter: {\"filter\": {\"type\": …, \"state\": …}}; an empty one {} means every running saga");
            if (!redrive && op == SagaOperation.Signal && string.IsNullOrWhiteSpace(request.Signal))
                throw new SagaFilterException("a bulk signal needs \"signal\": its name");

            var filter = new SagaFilter(body.Type, body.State,
                body.Since is null ? null : SagaFilterQuery.ParseTime("since", body.Since),
                body.Until is null ? null : SagaFilterQuery.ParseTime("until", body.Until),
                body.Attributes)
            { RunningOnly = true };
            var now = clock.GetUtcNow().UtcDateTime;
            if (redrive)
                return Results.Ok(await RedriveAsync(catalog, deadLetters, db, filter, request.DryRun ?? true, now, ct));

            var types = catalog.Resolve(filter);
            if (op == SagaOperation.Signal && types.FirstOrDefault(t => signals.Find(t.StateType, request.Signal!) is null) is { } deaf)
                throw new SagaFilterException($"{deaf.Name} has no signal '{request.Signal}'; narrow the filter with a type that has it");

            var matched = await catalog.CountAsync(db, filter, now, ct);
            if (request.DryRun ?? true)
                return Results.Ok(new BulkResult(op.ToString().ToLowerInvariant(), true, matched, 0, []));

            var (applied, refused) = await ApplyAsync(catalog, control, db, filter, op, request, now, ct);
            return Results.Ok(new BulkResult(op.ToString().ToLowerInvariant(), false, matched, applied, refused));
        });

    /// <summary>Sends back to their queues the dead letters of every matching saga, so each resumes where its step failed.</summary>
    static async Task<BulkResult> RedriveAsync(SagaCatalog catalog, IDeadLetters deadLetters, SagasDbContext db, SagaFilter filter, bool dryRun,
        DateTime now, CancellationToken ct)
    {
        var sagas = new HashSet<Guid>();
        string? page = null;
        do
        {
            var batch = await catalog.ListAsync(db, filter, page, Chunk, now, ct);
            sagas.UnionWith(batch.Items.Select(x => x.Id));
            page = batch.NextPage;
        }
        while (page is not null);

        var letters = (await deadLetters.ListAsync(new DeadLetterQuery(Limit: DeadLetterQuery.MaxLimit), ct))
            .Where(x => x.CorrelationId is { } id && sagas.Contains(id)).ToList();
        var applied = 0;
        if (!dryRun)
        {
            foreach (var letter in letters)
                applied += await deadLetters.RedriveAsync(letter.Id, ct) ? 1 : 0;
        }

        return new BulkResult("redrive", dryRun, sagas.Count, applied, [], letters.Count);
    }

    static async Task<(int Applied, List<BulkRefusal> Refused)> ApplyAsync(SagaCatalog catalog, SagaControl control, SagasDbContext db,
        SagaFilter filter, SagaOperation op, BulkRequest request, DateTime now, CancellationToken ct)
    {
        var (applied, refused) = (0, new List<BulkRefusal>());
        string? page = null;
        do
        {
            var batch = await catalog.ListAsync(db, filter, page, Chunk, now, ct);
            foreach (var item in batch.Items)
            {
                var type = catalog.Find(item.Type)!;
                if (op == SagaOperation.Cancel && await type.FindAsync(db, item.Id, ct) is { } saga && type.RefuseCancel(saga) is { } reason)
                {
                    if (refused.Count < RefusalsShown)
                        refused.Add(new BulkRefusal(item.Id, reason));
                    continue;
                }

                await control.SendAsync(type, item.Id, op, request.Signal, request.Data, request.Reason, ct);
                applied++;
            }

            await control.SaveAsync(ct);
            db.ChangeTracker.Clear();
            page = batch.NextPage;
        }
        while (page is not null);

        return (applied, refused);
    }
}
