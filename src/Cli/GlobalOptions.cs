using System.CommandLine;

namespace Sagas.Cli;

/// <summary>Options every command takes (recursive on the root), with their environment fallbacks.</summary>
public sealed class GlobalOptions
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public GlobalOptions(Func<string, string?> environment)
    {
        Url = new Option<string>("--url")
        {
            Description = "The orchestrator's base URL [env SAGAS_URL]",
            Recursive = true,
            DefaultValueFactory = _ => environment("SAGAS_URL") is { Length: > 0 } url ? url : DefaultUrl,
        };
        Url.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
                result.AddError($"--url '{value}' is not an http(s) URL");
        });
        ApiKey = new Option<string?>("--api-key")
        {
            Description = "Sent as X-Api-Key; needed when the orchestrator has Sagas:Api:Key set [env SAGAS_API_KEY]",
            Recursive = true,
            DefaultValueFactory = _ => environment("SAGAS_API_KEY") is { Length: > 0 } key ? key : null,
        };
        Json = new Option<bool>("--json") { Description = "Print the API's JSON (indented) instead of tables", Recursive = true };
        Timeout = new Option<int>("--timeout")
        {
            Description = "Seconds to wait for an answer",
            Recursive = true,
            DefaultValueFactory = _ => 30,
        };
        Timeout.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() <= 0)
                result.AddError("--timeout must be a positive number of seconds");
        });
    }

    public Option<string> Url { get; }

    public Option<string?> ApiKey { get; }

    public Option<bool> Json { get; }

    public Option<int> Timeout { get; }

    public IEnumerable<Option> All => [Url, ApiKey, Json, Timeout];
}
