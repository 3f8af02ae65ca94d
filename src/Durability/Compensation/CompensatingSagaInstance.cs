using Sagas.Durability.Activities;

namespace Sagas.Durability.Compensation;

/// <summary>The columns every compensating saga has, beside the common ones; a workflow's state adds its business fields.</summary>
public abstract class CompensatingSagaInstance : SteppingSagaInstance, ICompensatingState
{
    public List<CompensationRecord> Compensations { get; set; } = [];
    public string? CompensatedState { get; set; }
    public string? CompensationRequestStep { get; set; }
}
