using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace Sagas.Operations.Schedules;

/// <summary>
/// Fires for one named schedule and starts its workflow. One fire at a time per schedule, with
/// its memory saved after each, so the overlap decision always sees the run started last.
/// </summary>
[DisallowConcurrentExecution]
[PersistJobDataAfterExecution]
public sealed class WorkflowScheduleJob(
    IServiceScopeFactory scopes,
    WorkflowRegistry workflows,
    TimeProvider clock,
    IOptions<WorkflowScheduleOptions> options,
    ILogger<WorkflowScheduleJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var data = context.JobDetail.JobDataMap;
        var spec = ScheduleJobData.Spec(data);
        var starter = workflows.Find(spec.Workflow);
        if (starter is null)
        {
            // A deployment dropped the workflow; firing on would only fail the same way each time.
            logger.LogError("Schedule {Schedule} names workflow {Workflow}, which this orchestrator does not have; the fire is dropped", spec.Name, spec.Workflow);
            data[ScheduleKeys.LastOutcome] = "UnknownWorkflow";
            return;
        }

        await using var scope = scopes.CreateAsyncScope();
        var fire = new Fire(context, spec, starter, scope.ServiceProvider.GetRequiredService<IScheduleRuns>(),
            ScheduleValidation.FindTimeZone(spec.TimeZone) ?? TimeZoneInfo.Utc, cancellationToken);

        var group = TriggerGroup(context);
        if (group == ScheduleKeys.BufferGroup)
            await ReleaseBufferedAsync(fire).ConfigureAwait(false);
        else if (group == ScheduleKeys.JitterGroup)
            await StartJitteredAsync(fire).ConfigureAwait(false);
        else
            await FireAsync(fire, ScheduledFireTime(context), ManualRunId(context)).ConfigureAwait(false);
    }

    /// <summary>
    /// A run asked for by hand carries its own id, chosen when it was asked for: two asked for in
    /// one second are two runs, and a recovered one keeps its id.
    /// </summary>
    static Guid? ManualRunId(IJobExecutionContext context) =>
        context.MergedJobDataMap.TryGetString(ScheduleKeys.Manual, out var id) && Guid.TryParse(id, out var runId) ? runId : null;

    async Task FireAsync(Fire fire, DateTimeOffset fireTime, Guid? manualRunId)
    {
        var manual = manualRunId is not null;
        var data = fire.Context.JobDetail.JobDataMap;
        if (manual || fire.Spec.Overlap == ScheduleOverlap.AllowAll || !await PreviousRunningAsync(fire).ConfigureAwait(false))
        {
            if (fire.Spec.Overlap == ScheduleOverlap.BufferOne && ScheduleJobData.Time(data, ScheduleKeys.Buffered) is { } buffered && !manual)
            {
                // The waiting fire is older: it runs now, and this one takes its place in the buffer.
                await StartAsync(fire, buffered).ConfigureAwait(false);
                ScheduleJobData.SetTime(data, ScheduleKeys.Buffered, fireTime);
                await EnsureBufferCheckAsync(fire).ConfigureAwait(false);
                return;
            }

            await StartAsync(fire, fireTime, manualRunId).ConfigureAwait(false);
            return;
        }

        if (fire.Spec.Overlap == ScheduleOverlap.BufferOne && ScheduleJobData.Time(data, ScheduleKeys.Buffered) is null)
        {
            ScheduleJobData.SetTime(data, ScheduleKeys.Buffered, fireTime);
            data[ScheduleKeys.LastOutcome] = "Buffered";
            await EnsureBufferCheckAsync(fire).ConfigureAwait(false);
            logger.LogInformation("Schedule {Schedule}: fire of {FireTime} waits for run {RunId}", fire.Spec.Name, fireTime, ScheduleJobData.LastRunId(data));
            return;
        }

        data[ScheduleKeys.LastOutcome] = "Skipped";
        logger.LogInformation("Schedule {Schedule}: fire of {FireTime} skipped, run {RunId} is still running", fire.Spec.Name, fireTime, ScheduleJobData.LastRunId(data));
    }

    async Task ReleaseBufferedAsync(Fire fire)
    {
        var data = fire.Context.JobDetail.JobDataMap;
        if (ScheduleJobData.Time(data, ScheduleKeys.Buffered) is { } buffered)
        {
            if (await PreviousRunningAsync(fire).ConfigureAwait(false))
                return;
            await StartAsync(fire, buffered).ConfigureAwait(false);
            ScheduleJobData.SetTime(data, ScheduleKeys.Buffered, null);
        }

        await fire.Context.Scheduler.UnscheduleJob(ScheduleKeys.BufferCheck(fire.Spec.Name), fire.CancellationToken).ConfigureAwait(false);
    }

    async Task StartAsync(Fire fire, DateTimeOffset fireTime, Guid? runId = null)
    {
        var run = runId is { } id
            ? new ScheduledRun(id, fire.Spec.Name, TimeZoneInfo.ConvertTime(fireTime, fire.TimeZone))
            : ScheduledRun.For(fire.Spec.Name, fireTime, fire.TimeZone);
        // A run asked for by hand starts now.
        if (runId is null && fire.Spec.Jitter is { } jitter && jitter > TimeSpan.Zero)
        {
            await DeferAsync(fire, run, TimeSpan.FromTicks(Random.Shared.NextInt64(jitter.Ticks))).ConfigureAwait(false);
            return;
        }

        await StartRunAsync(fire, run).ConfigureAwait(false);
    }

    async Task StartRunAsync(Fire fire, ScheduledRun run)
    {
        await fire.Runs.StartAsync(fire.Starter.CreateStart(fire.Spec.Input, run), run.RunId, fire.CancellationToken).ConfigureAwait(false);
        ScheduleJobData.RecordStart(fire.Context.JobDetail.JobDataMap, run, clock.GetUtcNow());
        logger.LogInformation("Schedule {Schedule} started {Workflow} run {RunId} for {ScheduledFor}", fire.Spec.Name, fire.Spec.Workflow, run.RunId, run.ScheduledFor);
    }

    /// <summary>
    /// A jittered fire starts its run from a one-shot trigger at its random moment rather than by
    /// sleeping, which would hold one of Quartz's few threads for up to an hour and delay every
    /// other timer behind it. The run counts as started from that moment, so the overlap decision
    /// of a fire in between sees it.
    /// </summary>
    async Task DeferAsync(Fire fire, ScheduledRun run, TimeSpan delay)
    {
        var startAt = clock.GetUtcNow() + delay;
        var trigger = TriggerBuilder.Create(clock)
            .WithIdentity(ScheduleKeys.Jittered(fire.Spec.Name, run.RunId))
            .ForJob(fire.Context.JobDetail.Key)
            .StartAt(startAt)
            .UsingJobData(ScheduleKeys.JitteredRunId, run.RunId.ToString())
            .UsingJobData(ScheduleKeys.JitteredFor, run.ScheduledFor.ToString("O", CultureInfo.InvariantCulture))
            // Late (the orchestrators were down), it starts at once like any overdue one-shot timer.
            .WithSchedule(SimpleScheduleBuilder.Create().WithMisfireInstruction(SimpleTriggerMisfireInstruction.IgnoreMisfires))
            .Build();
        await fire.Context.Scheduler.ScheduleJob(trigger, new ScheduleJobOptions { Replace = true }, fire.CancellationToken).ConfigureAwait(false);
        ScheduleJobData.RecordStart(fire.Context.JobDetail.JobDataMap, run, startAt);
        fire.Context.JobDetail.JobDataMap[ScheduleKeys.LastOutcome] = "Jittered";
        logger.LogInformation("Schedule {Schedule} starts run {RunId} for {ScheduledFor} at {StartAt} (jitter)", fire.Spec.Name, run.RunId, run.ScheduledFor, startAt);
    }

    async Task StartJitteredAsync(Fire fire)
    {
        var data = fire.Context.MergedJobDataMap;
        if (!data.TryGetString(ScheduleKeys.JitteredRunId, out var id) || !Guid.TryParse(id, out var runId)
            || !data.TryGetString(ScheduleKeys.JitteredFor, out var scheduledFor)
            || !DateTimeOffset.TryParse(scheduledFor, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time))
        {
            logger.LogError("Schedule {Schedule}: a jitter trigger without its run; dropped", fire.Spec.Name);
            return;
        }

        await StartRunAsync(fire, new ScheduledRun(runId, fire.Spec.Name, time)).ConfigureAwait(false);
    }

    async Task<bool> PreviousRunningAsync(Fire fire)
    {
        var data = fire.Context.JobDetail.JobDataMap;
        if (ScheduleJobData.LastRunId(data) is not { } runId)
            return false;

        return await fire.Runs.StatusAsync(fire.Starter, runId, fire.CancellationToken).ConfigureAwait(false) switch
        {
            RunStatus.Running => true,
            RunStatus.Finished => false,
            _ => ScheduleJobData.Time(data, ScheduleKeys.LastStartedAt) is { } started && clock.GetUtcNow() - started < options.Value.StartGrace,
        };
    }

    async Task EnsureBufferCheckAsync(Fire fire)
    {
        var key = ScheduleKeys.BufferCheck(fire.Spec.Name);
        if (await fire.Context.Scheduler.Exists(key, fire.CancellationToken).ConfigureAwait(false))
            return;

        var interval = options.Value.BufferPollInterval;
        var check = TriggerBuilder.Create(clock)
            .WithIdentity(key)
            .ForJob(fire.Context.JobDetail.Key)
            .StartAt(clock.GetUtcNow() + interval)
            .WithSchedule(SimpleScheduleBuilder.Create().WithInterval(interval).RepeatForever()
                .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
            .Build();
        await fire.Context.Scheduler.ScheduleJob(check, new ScheduleJobOptions { Replace = true }, fire.CancellationToken).ConfigureAwait(false);
    }

    static string TriggerGroup(IJobExecutionContext context) =>
        context.Recovering && context.MergedJobDataMap.TryGetString(SchedulerConstants.FailedJobOriginalTriggerGroup, out var group) && group is not null
            ? group
            : context.Trigger.Key.Group;

    /// <summary>
    /// A recovered fire (its node died mid-fire) keeps the time of the fire it repeats, and so its
    /// run id. Quartz starts the recovery trigger at that time and also records it in the job data.
    /// </summary>
    static DateTimeOffset ScheduledFireTime(IJobExecutionContext context)
    {
        if (context.Recovering
            && context.MergedJobDataMap.TryGetString(SchedulerConstants.FailedJobOriginalTriggerScheduledFireTime, out var original)
            && DateTimeOffset.TryParse(original, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var scheduled))
            return scheduled;

        return context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
    }

    sealed record Fire(IJobExecutionContext Context, ScheduleSpec Spec, IWorkflowStarter Starter, IScheduleRuns Runs, TimeZoneInfo TimeZone,
        CancellationToken CancellationToken);
}
