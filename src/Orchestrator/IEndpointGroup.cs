namespace Sagas.Orchestrator;

/// <summary>
/// A feature's HTTP endpoints. Every one in this assembly is mapped at start-up, so a workflow's
/// folder brings its endpoints with it and nothing outside the folder is edited to add them.
/// </summary>
public interface IEndpointGroup
{
    void Map(IEndpointRouteBuilder app);
}
