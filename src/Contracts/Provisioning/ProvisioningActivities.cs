namespace Sagas.Contracts;

/// <summary>Creates the environment's resource on one provider; answered once per provisioning and provider.</summary>
public record ProvisionResource(Guid ProvisioningId, string Provider, string Environment);

public record ResourceProvisioned(Guid ProvisioningId, string Provider, string ResourceId);

public record ResourceProvisionFailed(Guid ProvisioningId, string Provider, string Reason);

/// <summary>
/// Undoes <see cref="ProvisionResource"/>; with nothing provisioned yet, it makes sure nothing will be
/// (a provision arriving later is refused).
/// </summary>
public record DeprovisionResource(Guid ProvisioningId, string Provider, string Environment);

/// <summary>Business failure reasons of the provisioning activities.</summary>
public static class ProvisioningFailures
{
    public const string ProviderRefused = "ProviderRefused";
    public const string Deprovisioned = "AlreadyDeprovisioned";
}
