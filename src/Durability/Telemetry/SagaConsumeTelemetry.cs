namespace Sagas.Durability.Telemetry;

public enum SagaEnding
{
    None,
    Succeeded,
    Failed,
}

/// <summary>One state change of a saga, as the metrics count it.</summary>
public sealed record SagaOutcome(string SagaType, string EventName, bool Started, SagaEnding Ended, bool Compensated);

/// <summary>
/// What one consumed message did to sagas, kept as a payload of its consume context until the
/// message's transaction commits: a transition rolled back (a retried conflict, a crash) is never counted.
/// Also names the saga that handled the message, so what it sends can carry that saga's id.
/// </summary>
public sealed class SagaConsumeTelemetry
{
    readonly List<SagaOutcome> _outcomes = [];

    public IReadOnlyList<SagaOutcome> Outcomes => _outcomes;

    /// <summary>The saga handling the message, or the one the message came from.</summary>
    public Guid? SagaId { get; set; }

    public void Add(SagaOutcome outcome)
    {
        lock (_outcomes)
            _outcomes.Add(outcome);
    }
}
