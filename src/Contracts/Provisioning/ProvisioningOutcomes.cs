namespace Sagas.Contracts;

public record ProvisioningCompleted(Guid ProvisioningId, string Environment, IReadOnlyList<string> Providers);

/// <summary>
/// Nothing is left provisioned: the request was invalid, or a provider failed or never answered and
/// every resource that was made has been removed (<see cref="RolledBack"/>).
/// </summary>
public record ProvisioningFailed(Guid ProvisioningId, string Environment, string Reason, bool RolledBack);

/// <summary>A resource could not be removed: the environment is half provisioned until someone acts.</summary>
public record ProvisioningNeedsAttention(Guid ProvisioningId, string Environment, string Reason);
