using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Sagas.Durability.Sagas;

namespace Sagas.Operations.Schedules;

public enum RunStatus
{
    /// <summary>No saga row yet: its start message may still be on the way.</summary>
    Unknown,
    Running,
    Finished,
}

/// <summary>What the schedules need of a workflow, without knowing its types.</summary>
public interface IWorkflowStarter
{
    string Workflow { get; }

    Type MessageType { get; }

    /// <summary>Why <paramref name="input"/> cannot start this workflow, or null.</summary>
    string? Problem(string? input);

    object CreateStart(string? input, ScheduledRun run);

    Task<RunStatus> StatusAsync(DbContext db, Guid runId, CancellationToken cancellationToken);
}

/// <summary>
/// A workflow opts in to schedules by deriving one of these in its folder; the registry finds
/// it by assembly scan. <typeparamref name="TStart"/> is deserialized from the schedule's input
/// (camelCase JSON, unknown fields rejected), then completed for one run.
/// </summary>
public abstract class WorkflowStarter<TStart, TSaga> : IWorkflowStarter
    where TStart : class, new()
    where TSaga : SagaInstance
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public abstract string Workflow { get; }

    public Type MessageType => typeof(TStart);

    /// <summary>Fills in what a run decides: at least the correlation id from <see cref="ScheduledRun.RunId"/>.</summary>
    protected abstract TStart ForRun(TStart input, ScheduledRun run);

    /// <summary>Business rules on the input alone, checked when the schedule is created.</summary>
    protected virtual string? InputProblem(TStart input) => null;

    public string? Problem(string? input)
    {
        try
        {
            var message = Deserialize(input);
            return InputProblem(message);
        }
        catch (JsonException exception)
        {
            return $"input is not a valid {typeof(TStart).Name}: {exception.Message}";
        }
    }

    public object CreateStart(string? input, ScheduledRun run) => ForRun(Deserialize(input), run);

    public async Task<RunStatus> StatusAsync(DbContext db, Guid runId, CancellationToken cancellationToken)
    {
        var saga = await db.Set<TSaga>().AsNoTracking().Where(x => x.CorrelationId == runId)
            .Select(x => new { x.CompletedAt }).SingleOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        return saga is null ? RunStatus.Unknown : saga.CompletedAt is null ? RunStatus.Running : RunStatus.Finished;
    }

    static TStart Deserialize(string? input) =>
        string.IsNullOrWhiteSpace(input)
            ? new TStart()
            : JsonSerializer.Deserialize<TStart>(input, Json) ?? throw new JsonException("input is null");
}
