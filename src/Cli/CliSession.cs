using System.Text.Json.Nodes;
using Sagas.Cli.Output;

namespace Sagas.Cli;

/// <summary>What one command runs with: where it writes, whether it writes JSON, and the API.</summary>
public sealed class CliSession(SagasApi api, TextWriter output, TextWriter error, bool json)
{
    public SagasApi Api { get; } = api;

    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    public bool Json { get; } = json;

    public void WriteJson(JsonNode? node)
    {
        if (node is not null)
            Output.WriteLine(Display.Indented(node));
    }
}
