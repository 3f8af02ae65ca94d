using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sagas.ActivityWorkers.Ledger;
using Sagas.Durability.Activities;
using Sagas.Durability.Hosting;
using Sagas.Durability.Outbox;
using Sagas.Durability.Telemetry;

namespace Sagas.ActivityWorkers.Activities;

/// <summary>
/// Endpoint settings shared by ledger activities: a queue named after the activity, retries and
/// scheduled redeliveries as configured for it, the transactional inbox/outbox so a redelivery
/// never acts twice (a <see cref="LongActivityAttribute">long activity</see> runs outside it), and
/// injected faults when configured for drills.
/// </summary>
public sealed class ActivityDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    readonly ActivityRetryOptions _retry;
    readonly ActivityFaultOptions _faults;

    public ActivityDefinition(IOptionsMonitor<ActivityRetryOptions> retryOptions, IOptionsMonitor<ActivityFaultOptions> faultOptions)
    {
        EndpointName = QueueName;
        _retry = retryOptions.Get(ActivityName);
        _faults = faultOptions.Get(ActivityName);
    }

    /// <summary>The activity's own queue; its task queues are named after it (<see cref="Durability.Activities.TaskQueues"/>).</summary>
    public static string QueueName => KebabCaseEndpointNameFormatter.Instance.Consumer<TConsumer>();

    public static string ActivityName => typeof(TConsumer).Name.Replace("Consumer", "", StringComparison.Ordinal);

    /// <summary>A <see cref="LongActivityAttribute">long activity</see> runs outside the inbox/outbox transaction.</summary>
    static bool IsLong => typeof(TConsumer).IsDefined(typeof(LongActivityAttribute), inherit: false);

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpoint, IConsumerConfigurator<TConsumer> consumer,
        IRegistrationContext context)
    {
        // MassTransit's policies need at least one attempt; zero means the stage is off, not a policy of none.
        if (_retry.Forever || _retry.MaxAttempts > 0)
        {
            endpoint.UseScheduledRedelivery(r =>
            {
                r.IgnoreDatabaseOutages();
                r.Exponential(_retry.Forever ? int.MaxValue : _retry.MaxAttempts, _retry.InitialInterval, _retry.MaxInterval, _retry.InitialInterval);
            });
        }

        if (_retry.Immediate > 0)
        {
            endpoint.UseMessageRetry(r =>
            {
                r.IgnoreDatabaseOutages();
                r.Immediate(_retry.Immediate);
            });
        }

        // A database outage is no failure of the activity: it is waited out, not counted as an attempt.
        endpoint.UseDatabaseOutageRetry(context);
        if (IsLong)
            endpoint.UseFilter(ActivatorUtilities.CreateInstance<ForgetKeptMessageFilter>(context));
        else
            endpoint.UseDurableOutbox<LedgerDbContext>(context);
        // The consumer's pipe runs inside the outbox's transaction, which wraps the message's pipe.
        consumer.UseFilter(new ActivityTelemetryFilter<TConsumer>(ActivityName, context.GetRequiredService<SagaMetrics>()));
        if (_faults.Enabled)
            consumer.UseFilter(new ActivityFaultFilter<TConsumer>(ActivityName, _faults));
    }
}
