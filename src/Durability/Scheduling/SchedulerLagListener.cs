using Quartz;
using Sagas.Durability.Telemetry;

namespace Sagas.Durability.Scheduling;

/// <summary>Measures how late every trigger fires (a saga's timer, a redelivery, a workflow schedule): actual minus due fire time.</summary>
public sealed class SchedulerLagListener(SagaMetrics metrics) : ITriggerListener
{
    public string Name => nameof(SchedulerLagListener);

    public ValueTask TriggerFired(ITrigger trigger, IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        if (context.ScheduledFireTimeUtc is { } due)
            metrics.TimerFired(context.FireTimeUtc - due);
        return ValueTask.CompletedTask;
    }
}
