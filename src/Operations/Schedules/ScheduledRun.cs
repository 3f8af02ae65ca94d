using System.Security.Cryptography;
using System.Text;

namespace Sagas.Operations.Schedules;

/// <summary>One fire of a named schedule, as the workflow it starts sees it.</summary>
/// <param name="RunId">The workflow's correlation id; the same for every attempt at this fire.</param>
/// <param name="ScheduledFor">The fire time the schedule meant, in the schedule's time zone.</param>
public sealed record ScheduledRun(Guid RunId, string Schedule, DateTimeOffset ScheduledFor)
{
    /// <summary>
    /// A fire that runs twice (a node died after publishing, a recovered job) derives the same id,
    /// so the second start reaches a saga that already exists and is ignored. Whole seconds only:
    /// Quartz hands a recovered fire its original time at that precision, and the fires of one
    /// schedule are at least a second apart. Runs asked for by hand get their own ids.
    /// </summary>
    public static ScheduledRun For(string schedule, DateTimeOffset scheduledFireTimeUtc, TimeZoneInfo timeZone)
    {
        var seconds = scheduledFireTimeUtc.ToUnixTimeSeconds();
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"schedule|{schedule}|{seconds}"));
        return new ScheduledRun(new Guid(hash.AsSpan(0, 16)), schedule, TimeZoneInfo.ConvertTime(scheduledFireTimeUtc, timeZone));
    }
}
