namespace Sagas.ActivityWorkers.Provisioning;

/// <summary>
/// One provider's resource of one provisioning; a single row per (provisioning, provider) whatever
/// the order or number of provision and deprovision requests, so its first answer is final.
/// </summary>
public class ProvisionedResource
{
    public Guid ProvisioningId { get; set; }
    public string Provider { get; set; } = "";
    public string Environment { get; set; } = "";

    /// <summary>Null when nothing was made: the provider refused, or the deprovision came first.</summary>
    public string? ResourceId { get; set; }

    /// <summary>One of <see cref="ResourceStatuses"/>.</summary>
    public string Status { get; set; } = "";

    public string? Reason { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime? DeprovisionedAt { get; set; }
}

public static class ResourceStatuses
{
    public const string Provisioned = "Provisioned";

    /// <summary>The provider refused; nothing exists.</summary>
    public const string Failed = "Failed";

    /// <summary>Made, then removed.</summary>
    public const string Deprovisioned = "Deprovisioned";

    /// <summary>A tombstone: the deprovision came before any provision, so a late provision is refused.</summary>
    public const string Cancelled = "Cancelled";
}
