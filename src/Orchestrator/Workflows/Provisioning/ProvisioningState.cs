using Sagas.Durability.Compensation;

namespace Sagas.Orchestrator.Workflows.Provisioning;

public class ProvisioningState : CompensatingSagaInstance
{
    public string Environment { get; set; } = "";

    /// <summary>Each provider's status, in the order asked; a JSON column read and written with the saga row.</summary>
    public List<ProviderResource> Providers { get; set; } = [];

    public bool IsPending(string provider) => Providers.Any(p => p.Provider == provider && p.Status == ProviderStatuses.Pending);

    public IEnumerable<string> Pending => Providers.Where(p => p.Status == ProviderStatuses.Pending).Select(p => p.Provider);

    public bool AllAnswered => Providers.All(p => p.Status != ProviderStatuses.Pending);

    public bool AllProvisioned => Providers.All(p => p.Status == ProviderStatuses.Provisioned);

    public void Update(string provider, Func<ProviderResource, ProviderResource> change)
    {
        var index = Providers.FindIndex(p => p.Provider == provider);
        Providers[index] = change(Providers[index]);
    }
}
