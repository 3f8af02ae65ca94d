namespace Sagas.ActivityWorkers.Provisioning;

/// <summary>
/// Bound from <c>Sagas:Activities:ProvisionResource</c> and <c>Sagas:Activities:DeprovisionResource</c>:
/// providers that refuse, so tests and drills can watch a rollback (or an undo that cannot succeed).
/// </summary>
public sealed class ProviderOptions
{
    public string[] FailingProviders { get; set; } = [];

    public bool Refuses(string provider) => FailingProviders.Contains(provider, StringComparer.OrdinalIgnoreCase);
}
