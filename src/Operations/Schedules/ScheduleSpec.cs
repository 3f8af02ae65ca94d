using System.Text.Json.Serialization;

namespace Sagas.Operations.Schedules;

/// <summary>What happens to a fire while the run the previous fire started is still running.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ScheduleOverlap>))]
public enum ScheduleOverlap
{
    /// <summary>The fire is dropped.</summary>
    Skip,

    /// <summary>Every fire starts a run.</summary>
    AllowAll,

    /// <summary>One fire waits and starts when the running one finishes; later ones are dropped.</summary>
    BufferOne,
}

/// <summary>What happens to fires missed while no scheduler ran (all nodes down, schedule paused past them).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ScheduleMisfire>))]
public enum ScheduleMisfire
{
    /// <summary>One run catches up at once, however many fires were missed.</summary>
    RunOnce,

    /// <summary>Missed fires are dropped; the next regular fire runs.</summary>
    Skip,
}

/// <summary>A named schedule as its owner wrote it. Exactly one of Cron and Interval.</summary>
public sealed record ScheduleSpec
{
    public string Name { get; init; } = "";
    public string? Cron { get; init; }
    public TimeSpan? Interval { get; init; }
    public string TimeZone { get; init; } = "UTC";
    public DateTimeOffset? Start { get; init; }
    public DateTimeOffset? End { get; init; }
    public string Workflow { get; init; } = "";

    /// <summary>The start message's fields as JSON; the run fills in its id and time.</summary>
    public string? Input { get; init; }

    public ScheduleOverlap Overlap { get; init; } = ScheduleOverlap.Skip;
    public ScheduleMisfire Misfire { get; init; } = ScheduleMisfire.RunOnce;

    /// <summary>Each fire waits a random part of this before starting its run, so many schedules on one minute spread out.</summary>
    public TimeSpan? Jitter { get; init; }
}
