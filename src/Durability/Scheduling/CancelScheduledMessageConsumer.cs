using MassTransit;
using MassTransit.Scheduling;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace Sagas.Durability.Scheduling;

/// <summary>Cancels, pauses and resumes what <see cref="ScheduleMessageConsumer"/> scheduled.</summary>
public sealed class CancelScheduledMessageConsumer(ISchedulerFactory schedulers, TimeProvider clock, IOptions<SchedulerOptions> options, ILogger<CancelScheduledMessageConsumer> logger) :
    IConsumer<CancelScheduledMessage>,
    IConsumer<CancelScheduledRecurringMessage>,
    IConsumer<PauseScheduledRecurringMessage>,
    IConsumer<ResumeScheduledRecurringMessage>
{
    public async Task Consume(ConsumeContext<CancelScheduledMessage> context)
    {
        var scheduler = await schedulers.GetScheduler(context.CancellationToken).ConfigureAwait(false);
        if (await scheduler.UnscheduleJob(ScheduledMessageKeys.OneShot(context.Message.TokenId), context.CancellationToken).ConfigureAwait(false))
        {
            logger.LogDebug("Cancelled scheduled message {TokenId}", context.Message.TokenId);
            return;
        }

        // Either it already fired, or its schedule request is still on the way: remember the
        // cancellation for a while so the late request is dropped. The marker removes itself.
        var marker = JobBuilder.Create<ForgetCancellationJob>()
            .WithIdentity(ScheduledMessageKeys.Cancellation(context.Message.TokenId))
            .Build();
        var expiry = TriggerBuilder.Create(clock)
            .WithIdentity(marker.Key.Name, marker.Key.Group)
            .StartAt(clock.GetUtcNow() + options.Value.CancellationMemory)
            .Build();
        await scheduler.ScheduleJob(marker, expiry, new ScheduleJobOptions { Replace = true }, context.CancellationToken).ConfigureAwait(false);

        // The schedule may have landed while the marker was written (see ScheduleMessageConsumer).
        if (await scheduler.UnscheduleJob(ScheduledMessageKeys.OneShot(context.Message.TokenId), context.CancellationToken).ConfigureAwait(false))
            await scheduler.DeleteJob(marker.Key, context.CancellationToken).ConfigureAwait(false);
    }

    public async Task Consume(ConsumeContext<CancelScheduledRecurringMessage> context)
    {
        var scheduler = await schedulers.GetScheduler(context.CancellationToken).ConfigureAwait(false);
        var key = ScheduledMessageKeys.Recurring(context.Message.ScheduleId, context.Message.ScheduleGroup);
        var removed = await scheduler.UnscheduleJob(key, context.CancellationToken).ConfigureAwait(false);
        logger.LogDebug("Cancelled recurring schedule {Key}: {Removed}", key, removed);
    }

    public async Task Consume(ConsumeContext<PauseScheduledRecurringMessage> context)
    {
        var scheduler = await schedulers.GetScheduler(context.CancellationToken).ConfigureAwait(false);
        await scheduler.PauseTrigger(ScheduledMessageKeys.Recurring(context.Message.ScheduleId, context.Message.ScheduleGroup), context.CancellationToken).ConfigureAwait(false);
    }

    public async Task Consume(ConsumeContext<ResumeScheduledRecurringMessage> context)
    {
        var scheduler = await schedulers.GetScheduler(context.CancellationToken).ConfigureAwait(false);
        await scheduler.ResumeTrigger(ScheduledMessageKeys.Recurring(context.Message.ScheduleId, context.Message.ScheduleGroup), context.CancellationToken).ConfigureAwait(false);
    }
}
