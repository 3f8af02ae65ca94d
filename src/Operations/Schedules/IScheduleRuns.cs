namespace Sagas.Operations.Schedules;

/// <summary>The database side of a schedule's fire: is the last run still going, and start the next one.</summary>
public interface IScheduleRuns
{
    Task<RunStatus> StatusAsync(IWorkflowStarter starter, Guid runId, CancellationToken cancellationToken);

    /// <summary>Publishes the start through the outbox; the run id is also the message id, so a repeat is dropped by the inbox.</summary>
    Task StartAsync(object startMessage, Guid runId, CancellationToken cancellationToken);
}
