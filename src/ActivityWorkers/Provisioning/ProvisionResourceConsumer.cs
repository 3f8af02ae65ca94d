using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sagas.ActivityWorkers.Activities;
using Sagas.ActivityWorkers.Ledger;
using Sagas.Contracts;

namespace Sagas.ActivityWorkers.Provisioning;

/// <summary>
/// Makes one provider's resource, once per provisioning and provider: a repeated request gets the
/// first answer again, and one that comes after the deprovision is refused.
/// </summary>
public sealed class ProvisionResourceConsumer(LedgerDbContext db, IOptionsMonitor<ProviderOptions> options, TimeProvider clock)
    : IConsumer<ProvisionResource>
{
    public async Task Consume(ConsumeContext<ProvisionResource> context)
    {
        var (provisioningId, provider, environment) = context.Message;
        var resource = await db.Set<ProvisionedResource>()
            .SingleOrDefaultAsync(x => x.ProvisioningId == provisioningId && x.Provider == provider, context.CancellationToken);
        if (resource is null)
        {
            var refused = options.Get(ActivityDefinition<ProvisionResourceConsumer>.ActivityName).Refuses(provider);
            resource = new ProvisionedResource
            {
                ProvisioningId = provisioningId,
                Provider = provider,
                Environment = environment,
                ResourceId = refused ? null : $"{provider}-{provisioningId:N}",
                Status = refused ? ResourceStatuses.Failed : ResourceStatuses.Provisioned,
                Reason = refused ? ProvisioningFailures.ProviderRefused : null,
                CreatedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.Add(resource);
        }

        if (resource.Status == ResourceStatuses.Provisioned)
            await context.RespondAsync(new ResourceProvisioned(provisioningId, provider, resource.ResourceId!));
        else
            await context.RespondAsync(new ResourceProvisionFailed(provisioningId, provider, resource.Reason ?? ProvisioningFailures.Deprovisioned));
    }
}
