using Quartz;

namespace Sagas.Operations.Schedules;

/// <summary>Where a named schedule lives in Quartz: one durable job and its trigger, both named after it.</summary>
static class ScheduleKeys
{
    public const string Group = "workflow-schedules";

    /// <summary>Triggers that poll for the end of a running run while a fire waits (BufferOne).</summary>
    public const string BufferGroup = "workflow-schedules.buffer";

    /// <summary>One-shot triggers that start a jittered fire's run at its random moment.</summary>
    public const string JitterGroup = "workflow-schedules.jitter";

    public const string Spec = "spec";
    public const string LastRunId = "last-run-id";
    public const string LastScheduledFor = "last-scheduled-for";
    public const string LastStartedAt = "last-started-at";
    public const string LastOutcome = "last-outcome";
    public const string Buffered = "buffered-fire";

    /// <summary>Set on a fire asked for through the API: it runs even while another run is running.</summary>
    public const string Manual = "manual";

    /// <summary>On a jitter trigger: the run it starts, and the time it was scheduled for.</summary>
    public const string JitteredRunId = "jittered-run-id";
    public const string JitteredFor = "jittered-for";

    public static JobKey Job(string name) => new(name, Group);

    public static TriggerKey Trigger(string name) => new(name, Group);

    public static TriggerKey BufferCheck(string name) => new(name, BufferGroup);

    public static TriggerKey Jittered(string name, Guid runId) => new($"{name}.{runId:N}", JitterGroup);
}
