namespace Sagas.Operations.Schedules;

/// <summary>Named schedules, bound from <c>Sagas:Schedules</c>.</summary>
public sealed class WorkflowScheduleOptions
{
    public const string Section = "Sagas:Schedules";

    /// <summary>
    /// Schedules created at start when no schedule of that name exists; an existing one (perhaps
    /// changed or paused through the API) is left as it is. The key is the schedule's name.
    /// </summary>
    public Dictionary<string, ScheduleSpec> Defaults { get; set; } = [];

    /// <summary>
    /// How long a run whose saga row has not appeared yet counts as running. Past this the start is
    /// taken as lost (or rejected before it made a saga) and no longer holds back Skip or BufferOne.
    /// </summary>
    public TimeSpan StartGrace { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often a buffered fire (BufferOne) checks whether the running run has finished.</summary>
    public TimeSpan BufferPollInterval { get; set; } = TimeSpan.FromSeconds(5);
}
