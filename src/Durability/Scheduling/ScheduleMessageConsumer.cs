using MassTransit;
using MassTransit.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Quartz;
using Sagas.Durability.Outbox;
using Sagas.Durability.Storage;

namespace Sagas.Durability.Scheduling;

/// <summary>
/// Turns MassTransit's scheduling requests into Quartz triggers on one durable job. A trigger is
/// keyed by its token or schedule id and replaced, so a redelivered request changes nothing while
/// its timer waits. Quartz writes over its own connection, so this consumer is outside the
/// transaction of the inbox; a one-shot request is still recorded in it once scheduled, because a
/// copy arriving after its timer fired (an outbox row sent again by another process, a delivery whose
/// ack died with a broker node) would otherwise schedule the timer anew and fire it twice.
/// </summary>
public sealed class ScheduleMessageConsumer(
    ISchedulerFactory schedulers, DurabilityDbContext db, DurableDatabase database, TimeProvider clock, ILogger<ScheduleMessageConsumer> logger) :
    IConsumer<ScheduleMessage>,
    IConsumer<ScheduleRecurringMessage>
{
    /// <summary>This consumer's key in the inbox, the same in every process.</summary>
    static readonly Guid InboxConsumerId = InboxClaim.ConsumerIdOf(typeof(ScheduleMessageConsumer).FullName!);

    public async Task Consume(ConsumeContext<ScheduleMessage> context)
    {
        var request = context.Message;
        // The request's own id, not its original's: a redelivery's request copies the headers of the
        // message it redelivers, so every redelivery of one message names the same original id.
        var requestId = context.MessageId ?? throw new InvalidOperationException("A schedule request without a message id");
        if (await db.Set<InboxMessage>().AnyAsync(x => x.MessageId == requestId && x.ConsumerId == InboxConsumerId, context.CancellationToken).ConfigureAwait(false))
        {
            logger.LogDebug("Schedule request {RequestId} ({TokenId}) was consumed before; its timer is not scheduled again", requestId, request.CorrelationId);
            return;
        }

        await ScheduleAsync(context, request).ConfigureAwait(false);

        // After the trigger is stored (or the request found cancelled), never before: a crash in
        // between must leave the request to its redelivery.
        await InboxClaim.ClaimAloneAsync(db, database, requestId, InboxConsumerId, clock.GetUtcNow().UtcDateTime, context.CancellationToken).ConfigureAwait(false);
    }

    async Task ScheduleAsync(ConsumeContext<ScheduleMessage> context, ScheduleMessage request)
    {
        var scheduler = await schedulers.GetScheduler(context.CancellationToken).ConfigureAwait(false);

        // Outbox rows are delivered concurrently, so a cancel can overtake its own schedule; checked
        // before storing too, as a trigger already due could fire before the check after.
        if (await scheduler.DeleteJob(ScheduledMessageKeys.Cancellation(request.CorrelationId), context.CancellationToken).ConfigureAwait(false))
        {
            logger.LogDebug("Schedule {TokenId} was cancelled before it arrived; not scheduled", request.CorrelationId);
            return;
        }

        // The scheduled message keeps the id of the request that carried it, so a job that runs
        // twice (a node died after sending) is recognised by the receiver's inbox.
        var data = ScheduledMessageData.From(context, request.Payload, request.PayloadType, request.Destination, request.CorrelationId, context.MessageId);
        var trigger = TriggerBuilder.Create(clock)
            .WithIdentity(ScheduledMessageKeys.OneShot(request.CorrelationId))
            .ForJob(DurableJob.Key)
            .StartAt(new DateTimeOffset(DateTime.SpecifyKind(request.ScheduledTime, DateTimeKind.Utc)))
            // A request consumed late (a backlog in the scheduler queue, e.g. a redelivery due 200 ms
            // after a burst) is already overdue. Quartz leaves a trigger overdue by more than its
            // misfire threshold (60 s) to the misfire handler, which takes 20 a minute; ignoring
            // misfires lets such a one-shot trigger be acquired and fired at once like any other due one.
            .WithSchedule(SimpleScheduleBuilder.Create().WithMisfireInstruction(SimpleTriggerMisfireInstruction.IgnoreMisfires))
            .WithRetryPolicy(DurableJob.SendRetries)
            .UsingJobData(data)
            .Build();

        await scheduler.ScheduleJob(trigger, new ScheduleJobOptions { Replace = true }, context.CancellationToken).ConfigureAwait(false);

        // Its cancel may be consumed at this moment, elsewhere: each side writes, then looks for
        // the other's write, so whichever looks last sees both and removes the trigger.
        if (await scheduler.DeleteJob(ScheduledMessageKeys.Cancellation(request.CorrelationId), context.CancellationToken).ConfigureAwait(false))
        {
            await scheduler.UnscheduleJob(trigger.Key, context.CancellationToken).ConfigureAwait(false);
            logger.LogDebug("Schedule {TokenId} was cancelled while it was being stored; removed", request.CorrelationId);
            return;
        }

        logger.LogDebug("Scheduled {TokenId} for {ScheduledTime:O} to {Destination}", request.CorrelationId, request.ScheduledTime, request.Destination);
    }

    public async Task Consume(ConsumeContext<ScheduleRecurringMessage> context)
    {
        var request = context.Message;
        var schedule = request.Schedule;
        var scheduler = await schedulers.GetScheduler(context.CancellationToken).ConfigureAwait(false);

        var cron = CronScheduleBuilder.Create(schedule.CronExpression)
            .InTimeZone(string.IsNullOrWhiteSpace(schedule.TimeZoneId) ? TimeZoneInfo.Utc : TimeZones.FindById(schedule.TimeZoneId))
            .WithMisfireInstruction(schedule.MisfirePolicy == MissedEventPolicy.Skip
                ? CronTriggerMisfireInstruction.DoNothing
                : CronTriggerMisfireInstruction.FireAndProceed);

        // Each fire gets its own message id (see ScheduledMessageJob), so none is set here.
        var data = ScheduledMessageData.From(context, request.Payload, request.PayloadType, request.Destination, request.CorrelationId, messageId: null);
        var trigger = TriggerBuilder.Create(clock)
            .WithIdentity(ScheduledMessageKeys.Recurring(schedule.ScheduleId, schedule.ScheduleGroup))
            .WithDescription(schedule.Description)
            .ForJob(DurableJob.Key)
            .StartAt(schedule.StartTime)
            .EndAt(schedule.EndTime)
            .WithSchedule(cron)
            .WithRetryPolicy(DurableJob.SendRetries)
            .UsingJobData(data)
            .Build();

        // Replacing resumes a schedule that was cancelled or paused before: scheduling is the
        // caller's latest word on it.
        await scheduler.ScheduleJob(trigger, new ScheduleJobOptions { Replace = true }, context.CancellationToken).ConfigureAwait(false);
        logger.LogDebug("Recurring schedule {ScheduleId} ({Cron}) to {Destination}", schedule.ScheduleId, schedule.CronExpression, request.Destination);
    }
}
