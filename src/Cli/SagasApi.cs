using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Sagas.Cli;

/// <summary>The orchestrator's HTTP API as JSON in, JSON out; every failure becomes a <see cref="CliFailure"/> with its exit code.</summary>
public sealed class SagasApi(HttpClient http, Uri baseUrl, string? apiKey)
{
    public Uri BaseUrl { get; } = baseUrl;

    public Task<JsonNode?> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, null, cancellationToken);

    public Task<JsonNode?> PostAsync(string path, JsonNode? body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, body ?? new JsonObject(), cancellationToken);

    /// <summary>
    /// Starts a saga under <paramref name="idempotencyKey"/>. A request that got no answer (a
    /// timeout, a dropped connection) is sent again with the same key, so it starts one saga at most.
    /// </summary>
    public async Task<JsonNode?> StartAsync(string path, JsonNode body, string idempotencyKey, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await SendAsync(HttpMethod.Post, path, body, cancellationToken, idempotencyKey);
            }
            catch (CliFailure failure) when (failure.ExitCode == ExitCodes.Unreachable && attempt < StartAttempts)
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken);
            }
        }
    }

    const int StartAttempts = 3;

    public Task<JsonNode?> DeleteAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Delete, path, null, cancellationToken);

    async Task<JsonNode?> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken, string? idempotencyKey = null)
    {
        var url = new Uri(BaseUrl, path);
        using var request = new HttpRequestMessage(method, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (!string.IsNullOrEmpty(apiKey))
            request.Headers.Add("X-Api-Key", apiKey);
        if (idempotencyKey is not null)
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (body is not null)
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new CliFailure(ExitCodes.Unreachable, $"cannot reach the orchestrator at {BaseUrl}: {exception.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CliFailure(ExitCodes.Unreachable, $"the orchestrator at {BaseUrl} did not answer within {http.Timeout.TotalSeconds:0} s");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var json = Parse(text);
            if (response.IsSuccessStatusCode)
                return json;

            throw new CliFailure(ExitCodeOf(response.StatusCode), $"{method} {url.PathAndQuery}: {(int)response.StatusCode} {Reason(response, json, text)}");
        }
    }

    static JsonNode? Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        try
        {
            return JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            return JsonValue.Create(text);
        }
    }

    /// <summary>A problem's detail says why; its title or the status text is what is left when it does not.</summary>
    static string Reason(HttpResponseMessage response, JsonNode? json, string text)
    {
        var problem = json as JsonObject;
        var detail = problem?["detail"]?.ToString();
        var title = problem?["title"]?.ToString() ?? response.ReasonPhrase ?? response.StatusCode.ToString();
        if (!string.IsNullOrWhiteSpace(detail))
            return $"{title}: {detail}";
        if (problem is null && !string.IsNullOrWhiteSpace(text))
            return $"{title}: {text.Trim()}";
        return title;
    }

    static int ExitCodeOf(HttpStatusCode status) => status switch
    {
        HttpStatusCode.NotFound => ExitCodes.NotFound,
        HttpStatusCode.Conflict => ExitCodes.Conflict,
        HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => ExitCodes.Unauthorized,
        _ => ExitCodes.ServerRefused,
    };
}
