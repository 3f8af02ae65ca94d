using System.Diagnostics;
using MassTransit;
using Sagas.Durability.Telemetry;

namespace Sagas.ActivityWorkers.Activities;

/// <summary>
/// Times each attempt of an activity and counts the attempts after the first: immediate retries
/// and redeliveries through the scheduler alike. It sits outside <see cref="ActivityFaultFilter{TConsumer}"/>,
/// so an injected fault counts as the failed attempt it stands for. It also marks the activity's
/// span with the id of the saga that sent the step.
/// </summary>
public sealed class ActivityTelemetryFilter<TConsumer>(string activity, SagaMetrics metrics) : IFilter<ConsumerConsumeContext<TConsumer>>
    where TConsumer : class
{
    public async Task Send(ConsumerConsumeContext<TConsumer> context, IPipe<ConsumerConsumeContext<TConsumer>> next)
    {
        if (SagaTracing.SagaIdOf(context) is { } sagaId)
            SagaTracing.Tag(Activity.Current, sagaId);
        var retry = context.GetRetryAttempt() > 0 || context.GetRedeliveryCount() > 0;
        var timer = Stopwatch.StartNew();
        var succeeded = false;
        try
        {
            await next.Send(context);
            succeeded = true;
        }
        finally
        {
            metrics.ActivityAttempted(activity, timer.Elapsed, succeeded, retry);
        }
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("activityTelemetry");
}
