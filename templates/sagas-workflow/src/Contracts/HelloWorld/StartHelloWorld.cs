namespace Sagas.Contracts;

/// <summary>Starts a HelloWorld. Publishing it twice with one HelloWorldId starts one saga.</summary>
public record StartHelloWorld
{
    public Guid HelloWorldId { get; init; }
    public string Name { get; init; } = "";
}
