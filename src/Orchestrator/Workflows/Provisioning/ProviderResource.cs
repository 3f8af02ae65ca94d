namespace Sagas.Orchestrator.Workflows.Provisioning;

/// <summary>
/// Where one provider stands in a provisioning. Immutable: the saga replaces an entry to change it,
/// so EF Core sees the JSON column change.
/// </summary>
public sealed record ProviderResource(string Provider, string Status, string? ResourceId = null, string? Reason = null);

public static class ProviderStatuses
{
    /// <summary>Asked, no answer yet.</summary>
    public const string Pending = "Pending";

    public const string Provisioned = "Provisioned";

    /// <summary>The provider refused; nothing was made there.</summary>
    public const string Failed = "Failed";

    /// <summary>No answer by the deadline: it may or may not exist, so it is deprovisioned like a success.</summary>
    public const string Unanswered = "Unanswered";

    /// <summary>Removed, or (when it never answered) made sure it will never exist.</summary>
    public const string Deprovisioned = "Deprovisioned";
}
