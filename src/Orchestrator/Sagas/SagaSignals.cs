using System.Text.Json;
using System.Text.Json.Nodes;
using Sagas.Operations.Visibility;

namespace Sagas.Orchestrator.Sagas;

/// <summary>Builds a signal's message from a JSON body; the id always comes from the saga it is sent to.</summary>
public static class SagaSignals
{
    public static async Task<JsonObject> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var node = request.ContentLength == 0 ? new JsonObject() : await JsonNode.ParseAsync(request.Body, cancellationToken: cancellationToken);
            return node as JsonObject ?? throw new SagaFilterException("the body must be a JSON object");
        }
        catch (JsonException exception)
        {
            throw new SagaFilterException($"the body is not valid JSON: {exception.Message}");
        }
    }

    public static object Message(Signal signal, Guid id, JsonObject? data)
    {
        var body = data?.DeepClone().AsObject() ?? [];
        // The route names the saga; an id in the body, whatever its casing, must not point elsewhere.
        foreach (var key in body.Select(x => x.Key).Where(k => k.Equals(signal.IdProperty.Name, StringComparison.OrdinalIgnoreCase)).ToList())
            body.Remove(key);
        body[JsonNamingPolicy.CamelCase.ConvertName(signal.IdProperty.Name)] = id;

        try
        {
            return body.Deserialize(signal.MessageType, JsonSerializerOptions.Web)
                ?? throw new SagaFilterException($"the body does not fit {signal.MessageType.Name}");
        }
        catch (JsonException exception)
        {
            throw new SagaFilterException($"the body does not fit {signal.MessageType.Name}: {exception.Message}");
        }
    }
}
