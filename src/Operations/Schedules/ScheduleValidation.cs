using System.Text.RegularExpressions;
using Quartz;

namespace Sagas.Operations.Schedules;

/// <summary>Checks a spec and turns it into the Quartz schedule it stands for.</summary>
public static partial class ScheduleValidation
{
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaximumJitter = TimeSpan.FromHours(1);

    /// <summary>Why the spec cannot be scheduled, or null; <paramref name="timeZone"/> is set when it can.</summary>
    public static string? Problem(ScheduleSpec spec, WorkflowRegistry workflows, out TimeZoneInfo timeZone)
    {
        timeZone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(spec.Name) || !NamePattern().IsMatch(spec.Name))
            return "name is required: 1-80 letters, digits, '-', '_' or '.'";
        if (spec.Cron is null == spec.Interval is null)
            return "give exactly one of cron and interval";
        if (spec.Cron is not null && CronProblem(spec.Cron) is { } cronProblem)
            return cronProblem;
        if (spec.Interval is { } interval && interval < MinimumInterval)
            return $"interval must be at least {MinimumInterval}";
        if (FindTimeZone(spec.TimeZone) is not { } zone)
            return $"unknown time zone '{spec.TimeZone}' (use an IANA id such as Europe/Paris, or UTC)";
        timeZone = zone;
        if (spec.Start is { } start && spec.End is { } end && end <= start)
            return "end must be after start";
        if (spec.Jitter is { } jitter && (jitter < TimeSpan.Zero || jitter > MaximumJitter))
            return $"jitter must be between 0 and {MaximumJitter}";
        if (workflows.Find(spec.Workflow) is not { } starter)
            return $"unknown workflow '{spec.Workflow}'; schedulable workflows: {string.Join(", ", workflows.Names)}";
        return starter.Problem(spec.Input);
    }

    /// <summary>Five fields are standard cron (minute first); six or seven are Quartz's (seconds first, optional year).</summary>
    public static CronFormat? FormatOf(string cron) =>
        cron.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Length switch
        {
            5 => CronFormat.Unix,
            6 or 7 => CronFormat.Quartz,
            _ => null,
        };

    public static TimeZoneInfo? FindTimeZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
            return null;
        try
        {
            return TimeZones.FindById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            return null;
        }
        catch (InvalidTimeZoneException)
        {
            return null;
        }
    }

    static string? CronProblem(string cron)
    {
        if (FormatOf(cron) is not { } format)
            return $"cron '{cron}' must have 5 fields (minute hour day-of-month month day-of-week) or Quartz's 6 or 7 (seconds first)";
        if (!CronExpression.TryParse(cron, format, out _))
            return $"cron '{cron}' is not a valid {(format == CronFormat.Unix ? "5-field" : "Quartz")} expression";
        return format == CronFormat.Unix ? UnixRangeProblem(cron) : null;
    }

    static readonly (string Name, int Min, int Max)[] UnixFields =
        [("minute", 0, 59), ("hour", 0, 23), ("day-of-month", 1, 31), ("month", 1, 12), ("day-of-week", 0, 7)];

    /// <summary>Quartz 4.7's 5-field parser lets some out-of-range values through (an hour of 99 fires hourly).</summary>
    static string? UnixRangeProblem(string cron)
    {
        var fields = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var i = 0; i < UnixFields.Length; i++)
        {
            var (name, min, max) = UnixFields[i];
            foreach (Match number in Number().Matches(fields[i]))
            {
                var value = int.Parse(number.Value, System.Globalization.CultureInfo.InvariantCulture);
                var step = number.Index > 0 && fields[i][number.Index - 1] is '/' or '#';
                if (step ? value < 1 || value > max : value < min || value > max)
                    return $"cron '{cron}': {name} {value} is outside {min}-{max}";
            }
        }

        return null;
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex Number();

    [GeneratedRegex("^[A-Za-z0-9._-]{1,80}$")]
    private static partial Regex NamePattern();
}
