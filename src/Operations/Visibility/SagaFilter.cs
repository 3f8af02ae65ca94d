namespace Sagas.Operations.Visibility;

/// <summary>Which saga instances an operator means: all of them when every part is empty.</summary>
public sealed record SagaFilter(
    string? Type = null,
    string? State = null,
    DateTime? Since = null,
    DateTime? Until = null,
    IReadOnlyDictionary<string, string>? Attributes = null)
{
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = Attributes ?? new Dictionary<string, string>();

    /// <summary>Only running instances whose last transition is older than their type's stuck threshold.</summary>
    public bool StuckOnly { get; init; }

    /// <summary>Only instances that have not ended: what signals, cancels and terminations can still reach.</summary>
    public bool RunningOnly { get; init; }
}

public sealed record SagaSummary(Guid Id, string Type, string State, DateTime CreatedAt, DateTime UpdatedAt, DateTime? CompletedAt, Guid? ParentId);

public sealed record SagaPage(IReadOnlyList<SagaSummary> Items, string? NextPage);

/// <summary>A filter that cannot be run, with the reason an operator can act on.</summary>
public sealed class SagaFilterException(string message) : Exception(message);
