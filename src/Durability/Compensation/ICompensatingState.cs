using Sagas.Durability.Activities;

namespace Sagas.Durability.Compensation;

/// <summary>What a saga keeps to undo its completed steps; a JSON column and plain columns on its row.</summary>
public interface ICompensatingState : IActivityStepState
{
    /// <summary>Undo commands of the steps done so far, oldest first; they run newest first.</summary>
    List<CompensationRecord> Compensations { get; set; }

    /// <summary>The state the saga ends in once every compensation succeeded.</summary>
    string? CompensatedState { get; set; }

    /// <summary>The parent's step that asked this saga to undo itself; the parent is answered when compensation ends.</summary>
    string? CompensationRequestStep { get; set; }
}
