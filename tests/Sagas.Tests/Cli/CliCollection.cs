namespace Sagas.Tests.Cli;

/// <summary>The CLI test classes share one orchestrator: starting one costs more than most of their tests.</summary>
[CollectionDefinition(Name)]
public sealed class CliCollection : ICollectionFixture<CliHost>
{
    public const string Name = "CLI against one orchestrator";
}
