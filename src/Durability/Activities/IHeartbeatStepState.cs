namespace Sagas.Durability.Activities;

/// <summary>A saga whose steps heartbeat: it keeps the last progress, to send the step again from there.</summary>
public interface IHeartbeatStepState : IActivityStepState
{
    /// <summary>The last progress the current step reported; null until it reports.</summary>
    long? StepProgress { get; set; }

    DateTime? StepStartedAt { get; set; }

    DateTime? LastHeartbeatAt { get; set; }
}
