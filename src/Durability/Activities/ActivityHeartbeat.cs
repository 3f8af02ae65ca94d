namespace Sagas.Durability.Activities;

/// <summary>
/// A long activity's sign of life, with how far it got. <paramref name="Attempt"/> ties it to
/// one send of the step, so a worker still busy with an abandoned send cannot keep a newer one alive.
/// </summary>
public sealed record ActivityHeartbeat(Guid CorrelationId, string Step, int Attempt, long Progress, string? Details);
