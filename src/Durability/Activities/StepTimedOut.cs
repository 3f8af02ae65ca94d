namespace Sagas.Durability.Activities;

/// <summary>
/// A saga's own timer for the step it is waiting on. <paramref name="Attempt"/> is the send it
/// timed; MassTransit drops a timer that was cancelled or replaced (its token is no longer the saga's).
/// </summary>
public sealed record StepTimedOut(Guid CorrelationId, string Step, int Attempt);
