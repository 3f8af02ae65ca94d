namespace Sagas.Durability.Compensation;

/// <summary>
/// How to undo one step: the command to send, kept as its type and JSON so it survives restarts.
/// <paramref name="Destination"/> is set when the undo goes to one endpoint (a child saga) rather than being published.
/// <paramref name="Activity"/> is set when <paramref name="Step"/> names one branch of a fan-out: its timeout and attempts are the activity's.
/// </summary>
public sealed record CompensationRecord(string ForStep, string Step, string MessageType, string Message, string? Destination = null, string? Activity = null)
{
    /// <summary>The activity whose <c>Sagas:Activities:{Name}</c> settings time this undo.</summary>
    public string StepSettings => Activity ?? Step;
}
