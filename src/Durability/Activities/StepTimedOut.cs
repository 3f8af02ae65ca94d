namespace Sagas.Durability.Activities;

/// <summary>
/// The deadline of a saga's step passed. <paramref name="Step"/> and <paramref name="Attempt"/> name
/// the send it timed: once the saga has moved on (an answer came, the step was sent again) it no
/// longer matches the saga's own and is ignored.
/// </summary>
public sealed record StepTimedOut(Guid CorrelationId, string Step, int Attempt);
