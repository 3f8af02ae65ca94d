using Quartz;

namespace Sagas.Durability.Scheduling;

/// <summary>The one durable job every scheduled-message trigger fires.</summary>
static class DurableJob
{
    static readonly JobKey Key = new(ScheduledMessageKeys.Job);
    static int ensured;

    /// <summary>
    /// A send that fails (broker down) is retried with backoff for about a day, so an outage
    /// does not lose a timer; after that the trigger stays in Quartz's error state to be seen.
    /// </summary>
    public static readonly RetryPolicy SendRetries = RetryPolicy.Exponential(60, TimeSpan.FromSeconds(1), 2, TimeSpan.FromMinutes(30));

    public static async ValueTask<JobKey> Ensure(IScheduler scheduler, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref ensured) == 1 && await scheduler.Exists(Key, cancellationToken).ConfigureAwait(false))
            return Key;

        var job = JobBuilder.Create<ScheduledMessageJob>()
            .WithIdentity(Key)
            .WithDescription("Sends a scheduled message to its destination")
            .StoreDurably(true)
            .RequestRecovery(true)
            .Build();
        await scheduler.AddJob(job, new AddJobOptions { Replace = true }, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref ensured, 1);
        return Key;
    }
}
