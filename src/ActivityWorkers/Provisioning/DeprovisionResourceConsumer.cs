using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sagas.ActivityWorkers.Activities;
using Sagas.ActivityWorkers.Ledger;
using Sagas.Contracts;
using Sagas.Durability.Compensation;

namespace Sagas.ActivityWorkers.Provisioning;

/// <summary>
/// Removes one provider's resource. With none made yet it leaves a tombstone, so a provision still
/// on its way is refused: after this answer, nothing of that provisioning exists at the provider.
/// </summary>
public sealed class DeprovisionResourceConsumer(LedgerDbContext db, IOptionsMonitor<ProviderOptions> options, TimeProvider clock)
    : IConsumer<DeprovisionResource>
{
    public async Task Consume(ConsumeContext<DeprovisionResource> context)
    {
        var (provisioningId, provider, environment) = context.Message;
        var resource = await db.Set<ProvisionedResource>()
            .SingleOrDefaultAsync(x => x.ProvisioningId == provisioningId && x.Provider == provider, context.CancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;

        if (resource is null)
        {
            db.Add(new ProvisionedResource
            {
                ProvisioningId = provisioningId,
                Provider = provider,
                Environment = environment,
                Status = ResourceStatuses.Cancelled,
                Reason = ProvisioningFailures.Deprovisioned,
                CreatedAt = now,
                DeprovisionedAt = now,
            });
        }
        else if (resource.Status == ResourceStatuses.Provisioned)
        {
            if (options.Get(ActivityDefinition<DeprovisionResourceConsumer>.ActivityName).Refuses(provider))
            {
                await context.CompensationFailedAsync(provisioningId, $"{provider} refused to remove {resource.ResourceId}");
                return;
            }

            resource.Status = ResourceStatuses.Deprovisioned;
            resource.DeprovisionedAt = now;
        }

        await context.CompensatedAsync(provisioningId);
    }
}
