using System.Diagnostics.Metrics;

namespace Sagas.Durability.Telemetry;

/// <summary>
/// The <c>Sagas</c> meter: how workflows start and end, how long their steps take, and how far
/// the outbox and the scheduler lag behind. Durations are in seconds, as Prometheus expects.
/// </summary>
public sealed class SagaMetrics
{
    public const string MeterName = "Sagas";
    public const string SagaTypeTag = "saga_type";
    public const string EventTag = "event";
    public const string ActivityTag = "activity";
    public const string OutcomeTag = "outcome";

    // From a millisecond to a few minutes: a step is fast, a lagging outbox or timer is not.
    static readonly double[] SecondsBuckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300];

    readonly Counter<long> _started;
    readonly Counter<long> _completed;
    readonly Counter<long> _failed;
    readonly Counter<long> _compensated;
    readonly Histogram<double> _transitionDuration;
    readonly Histogram<double> _activityDuration;
    readonly Counter<long> _activityRetries;
    readonly Histogram<double> _outboxDeliveryLag;
    readonly Histogram<double> _schedulerLag;
    readonly List<Func<long?>> _outboxBacklogs = [];

    public SagaMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _started = meter.CreateCounter<long>("sagas.started", "{saga}", "Sagas started, by type");
        _completed = meter.CreateCounter<long>("sagas.completed", "{saga}", "Sagas that first ended in a state where they did what they were started for");
        _failed = meter.CreateCounter<long>("sagas.failed", "{saga}", "Sagas that first ended in any other terminal state");
        _compensated = meter.CreateCounter<long>("sagas.compensated", "{saga}", "Sagas that reached a terminal state by undoing their steps");
        _transitionDuration = Seconds(meter, "sagas.transition.duration", "From taking a saga's message to committing the transitions it caused");
        _activityDuration = Seconds(meter, "sagas.activity.duration", "One attempt of an activity");
        _activityRetries = meter.CreateCounter<long>("sagas.activity.retries", "{attempt}", "Attempts of an activity after its first (retries and redeliveries)");
        _outboxDeliveryLag = Seconds(meter, "sagas.outbox.delivery_lag", "From a message's commit to the outbox until it reached the broker");
        _schedulerLag = Seconds(meter, "sagas.scheduler.lag", "How late a timer fired: actual fire time minus the time it was due");
        meter.CreateObservableGauge("sagas.outbox.backlog", ObserveOutboxBacklog, "{message}", "Messages committed to the outbox and not delivered yet");
    }

    /// <summary>Reports what a consumed message did to sagas, once its transaction has committed.</summary>
    internal void Committed(SagaConsumeTelemetry telemetry, TimeSpan elapsed)
    {
        foreach (var outcome in telemetry.Outcomes)
        {
            var type = new KeyValuePair<string, object?>(SagaTypeTag, outcome.SagaType);
            _transitionDuration.Record(elapsed.TotalSeconds, type, new KeyValuePair<string, object?>(EventTag, outcome.EventName));
            if (outcome.Started)
                _started.Add(1, type);
            if (outcome.Ended == SagaEnding.Succeeded)
                _completed.Add(1, type);
            else if (outcome.Ended == SagaEnding.Failed)
                _failed.Add(1, type);
            if (outcome.Compensated)
                _compensated.Add(1, type);
        }
    }

    public void ActivityAttempted(string activity, TimeSpan duration, bool succeeded, bool retry)
    {
        var name = new KeyValuePair<string, object?>(ActivityTag, activity);
        _activityDuration.Record(duration.TotalSeconds, name, new KeyValuePair<string, object?>(OutcomeTag, succeeded ? "succeeded" : "faulted"));
        if (retry)
            _activityRetries.Add(1, name);
    }

    public void OutboxDelivered(TimeSpan lag) => _outboxDeliveryLag.Record(Math.Max(0, lag.TotalSeconds));

    public void TimerFired(TimeSpan lag) => _schedulerLag.Record(Math.Max(0, lag.TotalSeconds));

    /// <summary>A source of the outbox's backlog, read when metrics are collected; null when it cannot tell now.</summary>
    public void ObserveOutboxBacklog(Func<long?> measure)
    {
        lock (_outboxBacklogs)
            _outboxBacklogs.Add(measure);
    }

    IEnumerable<Measurement<long>> ObserveOutboxBacklog()
    {
        Func<long?>[] sources;
        lock (_outboxBacklogs)
            sources = [.. _outboxBacklogs];
        foreach (var measure in sources)
        {
            if (measure() is { } backlog)
                yield return new Measurement<long>(backlog);
        }
    }

    static Histogram<double> Seconds(Meter meter, string name, string description) =>
        meter.CreateHistogram(name, "s", description, tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
}
