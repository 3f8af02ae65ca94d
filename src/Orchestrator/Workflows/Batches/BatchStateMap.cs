using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sagas.Durability.Sagas;

namespace Sagas.Orchestrator.Workflows.Batches;

public class BatchStateMap : SagaInstanceMap<BatchState>
{
    protected override void ConfigureFields(EntityTypeBuilder<BatchState> entity)
    {
        entity.Ignore(x => x.Finished);
        entity.Ignore(x => x.Running);
    }
}
