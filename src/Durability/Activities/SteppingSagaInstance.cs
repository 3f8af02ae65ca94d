using Sagas.Durability.Sagas;

namespace Sagas.Durability.Activities;

/// <summary>The columns of a saga that runs activity steps, beside the common ones; a workflow's state adds its business fields.</summary>
public abstract class SteppingSagaInstance : SagaInstance, IActivityStepState
{
    public string? CurrentStep { get; set; }
    public int StepAttempt { get; set; }
    public DateTime? StepDeadline { get; set; }
}
