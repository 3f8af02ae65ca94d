using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sagas.Durability.Sagas;
using Sagas.Operations.Visibility;

namespace Sagas.Orchestrator.Workflows.HelloWorld;

/// <summary>The business columns of <c>hello_world_sagas</c>; the common ones and the step's are mapped for every saga.</summary>
public class HelloWorldStateMap : SagaInstanceMap<HelloWorldState>
{
    protected override void ConfigureFields(EntityTypeBuilder<HelloWorldState> entity)
    {
        entity.Property(x => x.Name).HasMaxLength(HelloWorldStateMachine.NameLength);
        entity.Property(x => x.Greeting).HasMaxLength(256);
        entity.SearchAttribute(x => x.Name);
    }
}
