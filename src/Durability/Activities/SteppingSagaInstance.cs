using Sagas.Durability.Sagas;

namespace Sagas.Durability.Activities;

/// <summary>
/// The columns of a saga that runs activity steps, beside the common ones; a workflow's state adds
/// its business fields. Any step may heartbeat, so each keeps its last progress and heartbeat too.
/// </summary>
public abstract class SteppingSagaInstance : SagaInstance, IHeartbeatStepState
{
    public string? CurrentStep { get; set; }
    public int StepAttempt { get; set; }
    public DateTime? StepDeadline { get; set; }
    public long? StepProgress { get; set; }
    public DateTime? StepStartedAt { get; set; }
    public DateTime? LastHeartbeatAt { get; set; }
}
