using Microsoft.Extensions.Logging;
using Quartz;

namespace Sagas.Operations.Schedules;

public enum ScheduleChange
{
    Done,
    NotFound,
    Conflict,
    Invalid,
}

/// <summary>A schedule as the API shows it: what was asked for, and what Quartz and the last fire say.</summary>
public sealed record ScheduleView(
    ScheduleSpec Spec,
    string State,
    IReadOnlyList<DateTimeOffset> NextFireTimes,
    Guid? LastRunId,
    DateTimeOffset? LastScheduledFor,
    string? LastOutcome,
    DateTimeOffset? BufferedFire);

/// <summary>Creates, describes and controls named schedules; every node sees the same ones (they live in Quartz's tables).</summary>
public sealed class WorkflowSchedules(ISchedulerFactory schedulers, WorkflowRegistry workflows, TimeProvider clock, ILogger<WorkflowSchedules> logger)
{
    const int UpcomingFireTimes = 5;

    public async Task<(ScheduleChange Change, string? Problem)> CreateAsync(ScheduleSpec spec, CancellationToken cancellationToken)
    {
        if (ScheduleValidation.Problem(spec, workflows, out var timeZone) is { } problem)
            return (ScheduleChange.Invalid, problem);

        var scheduler = await schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
        var job = JobBuilder.Create<WorkflowScheduleJob>()
            .WithIdentity(ScheduleKeys.Job(spec.Name))
            .WithDescription($"Starts {spec.Workflow}")
            .StoreDurably(true)
            .RequestRecovery(true)
            .UsingJobData(ScheduleJobData.ForSpec(spec))
            .Build();
        var trigger = TriggerBuilder.Create(clock)
            .WithIdentity(ScheduleKeys.Trigger(spec.Name))
            .ForJob(job)
            .StartAt(spec.Start ?? FirstStart(spec))
            .EndAt(spec.End)
            .WithSchedule(Schedule(spec, timeZone))
            .Build();

        try
        {
            await scheduler.ScheduleJob(job, trigger, new ScheduleJobOptions { Replace = false }, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectAlreadyExistsException)
        {
            return (ScheduleChange.Conflict, $"a schedule named {spec.Name} exists already");
        }

        logger.LogInformation("Schedule {Schedule} created: {Workflow} on {Cron}{Interval} ({TimeZone})", spec.Name, spec.Workflow, spec.Cron, spec.Interval, spec.TimeZone);
        return (ScheduleChange.Done, null);
    }

    public async Task<IReadOnlyList<ScheduleView>> ListAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
        var keys = await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(ScheduleKeys.Group), cancellationToken).ConfigureAwait(false);
        var views = new List<ScheduleView>();
        foreach (var key in keys.OrderBy(k => k.Name, StringComparer.Ordinal))
        {
            if (await DescribeAsync(scheduler, key.Name, cancellationToken).ConfigureAwait(false) is { } view)
                views.Add(view);
        }

        return views;
    }

    public async Task<ScheduleView?> DescribeAsync(string name, CancellationToken cancellationToken) =>
        await DescribeAsync(await schedulers.GetScheduler(cancellationToken).ConfigureAwait(false), name, cancellationToken).ConfigureAwait(false);

    public Task<bool> PauseAsync(string name, CancellationToken cancellationToken) =>
        OnJobAsync(name, (scheduler, key) => scheduler.PauseJob(key, cancellationToken).AsTask(), cancellationToken);

    public Task<bool> ResumeAsync(string name, CancellationToken cancellationToken) =>
        OnJobAsync(name, (scheduler, key) => scheduler.ResumeJob(key, cancellationToken).AsTask(), cancellationToken);

    /// <summary>One fire now, outside the schedule; it starts a run even while another is running.</summary>
    public Task<bool> TriggerAsync(string name, CancellationToken cancellationToken) =>
        OnJobAsync(name, async (scheduler, key) =>
        {
            await scheduler.TriggerJob(key, new JobDataMap { [ScheduleKeys.Manual] = Guid.NewGuid().ToString("N") }, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public Task<bool> DeleteAsync(string name, CancellationToken cancellationToken) =>
        OnJobAsync(name, (scheduler, key) => scheduler.DeleteJob(key, cancellationToken).AsTask(), cancellationToken);

    async Task<bool> OnJobAsync(string name, Func<IScheduler, JobKey, Task<bool>> action, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
        var key = ScheduleKeys.Job(name);
        if (!await scheduler.Exists(key, cancellationToken).ConfigureAwait(false))
            return false;
        await action(scheduler, key).ConfigureAwait(false);
        return true;
    }

    static async Task<ScheduleView?> DescribeAsync(IScheduler scheduler, string name, CancellationToken cancellationToken)
    {
        var job = await scheduler.GetJobDetail(ScheduleKeys.Job(name), cancellationToken).ConfigureAwait(false);
        if (job is null)
            return null;

        var data = job.JobDataMap;
        var triggerKey = ScheduleKeys.Trigger(name);
        var state = await scheduler.GetTriggerState(triggerKey, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<DateTimeOffset> next = state is TriggerState.None or TriggerState.Complete
            ? []
            : [.. await scheduler.GetUpcomingFireTimes(triggerKey, UpcomingFireTimes, cancellationToken).ConfigureAwait(false) ?? []];
        return new ScheduleView(
            ScheduleJobData.Spec(data),
            state == TriggerState.None ? "Ended" : state.ToString(),
            next,
            ScheduleJobData.LastRunId(data),
            ScheduleJobData.Time(data, ScheduleKeys.LastScheduledFor),
            data.GetString(ScheduleKeys.LastOutcome),
            ScheduleJobData.Time(data, ScheduleKeys.Buffered));
    }

    /// <summary>An interval's first fire is one interval after creation, not at once: creating is not running.</summary>
    DateTimeOffset FirstStart(ScheduleSpec spec) => clock.GetUtcNow() + (spec.Interval ?? TimeSpan.Zero);

    static IScheduleBuilder Schedule(ScheduleSpec spec, TimeZoneInfo timeZone)
    {
        if (spec.Cron is { } cron)
        {
            return CronScheduleBuilder.Create(cron, ScheduleValidation.FormatOf(cron)!.Value)
                .InTimeZone(timeZone)
                .WithMisfireInstruction(spec.Misfire == ScheduleMisfire.RunOnce
                    ? CronTriggerMisfireInstruction.FireAndProceed
                    : CronTriggerMisfireInstruction.DoNothing);
        }

        return SimpleScheduleBuilder.Create()
            .WithInterval(spec.Interval!.Value)
            .RepeatForever()
            .WithMisfireInstruction(spec.Misfire == ScheduleMisfire.RunOnce
                ? SimpleTriggerMisfireInstruction.NowWithExistingCount
                : SimpleTriggerMisfireInstruction.NextWithRemainingCount);
    }
}
