namespace Sagas.Durability.Compensation;

/// <summary>
/// How to undo one step: the command to send, kept as its type and JSON so it survives restarts.
/// <paramref name="Destination"/> is set when the undo goes to one endpoint (a child saga) rather than being published.
/// </summary>
public sealed record CompensationRecord(string ForStep, string Step, string MessageType, string Message, string? Destination = null);
