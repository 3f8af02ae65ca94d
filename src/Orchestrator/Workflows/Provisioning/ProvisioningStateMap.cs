using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sagas.Durability.Compensation;
using Sagas.Durability.Sagas;

namespace Sagas.Orchestrator.Workflows.Provisioning;

public class ProvisioningStateMap() : SagaInstanceMap<ProvisioningState>("provisioning_sagas")
{
    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    protected override void ConfigureFields(EntityTypeBuilder<ProvisioningState> entity)
    {
        entity.Property(x => x.Environment).HasMaxLength(64);
        entity.Property(x => x.CurrentStep).HasMaxLength(64);
        // A JSON column rather than a child table: the statuses change only with the saga, in its
        // transaction under its row lock, and the saga repository loads one row without joins.
        entity.Property(x => x.Providers)
            .HasConversion(
                list => JsonSerializer.Serialize(list, Json),
                text => JsonSerializer.Deserialize<List<ProviderResource>>(text, Json) ?? new List<ProviderResource>(),
                new ValueComparer<List<ProviderResource>>(
                    (a, b) => a!.SequenceEqual(b!),
                    list => list.Aggregate(0, (hash, x) => HashCode.Combine(hash, x.GetHashCode())),
                    list => list.ToList()));
        entity.HasIndex(x => x.Environment);
        entity.MapCompensations();
    }
}
