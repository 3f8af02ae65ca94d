using MassTransit;

namespace Sagas.Durability.Sagas;

/// <summary>
/// The columns every saga table has. The state is kept by name so that SQL readers see
/// <c>Depositing</c>, not a number.
/// </summary>
public abstract class SagaInstance : SagaStateMachineInstance
{
    public Guid CorrelationId { get; set; }
    public string CurrentState { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public DateTime? CompletedAt { get; set; }
    public int Version { get; set; }

    /// <summary>
    /// The version of the workflow's definition this saga started on (see <see cref="DurableStateMachine{TSaga}.Versioned"/>):
    /// it keeps to that version's path until it ends, whatever version runs it.
    /// </summary>
    public int DefinitionVersion { get; set; } = 1;

    /// <summary>Rows this saga has in <c>saga_history</c>; the next transition is numbered after them, with no query.</summary>
    public int HistoryCount { get; set; }

    /// <summary>The saga that started this one, if any; a column so the tree is visible with SQL.</summary>
    public Guid? ParentId { get; set; }

    /// <summary>Where the parent is told that this saga finished.</summary>
    public string? ParentAddress { get; set; }

    /// <summary>Why the saga did not do what it was started for: its request broke a rule, a step refused or never answered.</summary>
    public string? FailureReason { get; set; }

    /// <summary>Adds a reason to <see cref="FailureReason"/>, after any it has already.</summary>
    public void AddFailure(string reason) => FailureReason = FailureReason is null ? reason : $"{FailureReason}; {reason}";

    /// <summary>Why an operator terminated the saga, when one did.</summary>
    public string? TerminationReason { get; set; }
}
