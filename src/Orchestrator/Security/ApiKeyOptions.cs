namespace Sagas.Orchestrator.Security;

public sealed class ApiKeyOptions
{
    public const string Section = "Sagas:Api";
    public const string Header = "X-Api-Key";

    /// <summary>The key mutating requests must send; without one, they are served only while every bound address is loopback.</summary>
    public string? Key { get; set; }
}
