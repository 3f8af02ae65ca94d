using Quartz;

namespace Sagas.Durability.Scheduling;

/// <summary>The one durable job every scheduled-message trigger fires.</summary>
static class DurableJob
{
    public static readonly JobKey Key = new(ScheduledMessageKeys.Job);

    /// <summary>
    /// A send that fails (broker down) is retried with backoff for about a day, so an outage
    /// does not lose a timer; after that the trigger stays in Quartz's error state to be seen.
    /// </summary>
    public static readonly RetryPolicy SendRetries = RetryPolicy.Exponential(60, TimeSpan.FromSeconds(1), 2, TimeSpan.FromMinutes(30));

    /// <summary>Stores the job (again: replacing is harmless) before anything schedules on it.</summary>
    public static ValueTask StoreAsync(IScheduler scheduler, CancellationToken cancellationToken)
    {
        var job = JobBuilder.Create<ScheduledMessageJob>()
            .WithIdentity(Key)
            .WithDescription("Sends a scheduled message to its destination")
            .StoreDurably(true)
            .RequestRecovery(true)
            .Build();
        return scheduler.AddJob(job, new AddJobOptions { Replace = true }, cancellationToken);
    }
}
