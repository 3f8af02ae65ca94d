namespace Sagas.Durability.Scheduling;

/// <summary>The durable scheduler, bound from <c>Sagas:Scheduler</c>.</summary>
public sealed class SchedulerOptions
{
    /// <summary>The queue the scheduling consumers listen on; every process sends its timers there.</summary>
    public string QueueName { get; set; } = "scheduler";

    /// <summary>Run Quartz in this process. Activity workers only send to the queue.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How long an idle scheduler sleeps before it looks for due triggers again. New triggers
    /// wake it at once; this bounds how late a trigger written by another node is noticed.
    /// </summary>
    public TimeSpan IdleWaitTime { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Jobs run at once; each one only sends a message.</summary>
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>How often a clustered node checks in, and so how soon a dead node's jobs are recovered.</summary>
    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a cancellation that arrived before its schedule is remembered.</summary>
    public TimeSpan CancellationMemory { get; set; } = TimeSpan.FromDays(7);
}
