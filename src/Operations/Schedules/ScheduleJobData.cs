using System.Globalization;
using System.Text.Json;
using Quartz;

namespace Sagas.Operations.Schedules;

/// <summary>
/// A schedule's spec and its memory of the last run, kept in its job's data as strings so any
/// job store serializer keeps them; Quartz saves them after each fire.
/// </summary>
static class ScheduleJobData
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static JobDataMap ForSpec(ScheduleSpec spec) => new() { [ScheduleKeys.Spec] = JsonSerializer.Serialize(spec, Json) };

    public static ScheduleSpec Spec(JobDataMap data) =>
        JsonSerializer.Deserialize<ScheduleSpec>(data.GetString(ScheduleKeys.Spec) ?? "", Json)
        ?? throw new InvalidOperationException("A workflow schedule's job has no spec.");

    public static Guid? LastRunId(JobDataMap data) =>
        data.TryGetString(ScheduleKeys.LastRunId, out var value) && Guid.TryParse(value, out var id) ? id : null;

    public static DateTimeOffset? Time(JobDataMap data, string key) =>
        data.TryGetString(key, out var value) && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            ? new DateTimeOffset(ticks, TimeSpan.Zero)
            : null;

    public static void SetTime(JobDataMap data, string key, DateTimeOffset? value)
    {
        if (value is { } time)
            data[key] = time.UtcTicks.ToString(CultureInfo.InvariantCulture);
        else
            data.Remove(key);
    }

    public static void RecordStart(JobDataMap data, ScheduledRun run, DateTimeOffset startedAt)
    {
        data[ScheduleKeys.LastRunId] = run.RunId.ToString();
        SetTime(data, ScheduleKeys.LastScheduledFor, run.ScheduledFor);
        SetTime(data, ScheduleKeys.LastStartedAt, startedAt);
        data[ScheduleKeys.LastOutcome] = "Started";
    }
}
