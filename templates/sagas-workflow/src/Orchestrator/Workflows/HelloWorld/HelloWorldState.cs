using Sagas.Durability.Activities;

namespace Sagas.Orchestrator.Workflows.HelloWorld;

public class HelloWorldState : SteppingSagaInstance
{
    public string Name { get; set; } = "";
    public string? Greeting { get; set; }
}
