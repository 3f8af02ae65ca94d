using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MassTransit;

namespace Sagas.Durability.DeadLetters;

/// <summary>
/// Reads a dead letter the same way whichever transport kept it: the cause from MassTransit's
/// <c>MT-Fault-*</c> and <c>MT-Reason</c> headers, the rest from the envelope in the body (or,
/// for plain JSON, from the headers).
/// </summary>
public static class DeadLetterReader
{
    const string UrnPrefix = "urn:message:";

    public static DeadLetter Read(string queue, IReadOnlyDictionary<string, string?> headers, ReadOnlyMemory<byte> body, Guid? transportMessageId)
    {
        var envelope = ParseEnvelope(body, out var json);
        var faultMessage = Header(headers, MessageHeaders.FaultMessage);
        var reason = Header(headers, MessageHeaders.Reason);

        var messageId = Guid(envelope?["messageId"]) ?? Guid(Header(headers, MessageHeaders.MessageId)) ?? transportMessageId
            ?? StableId(queue, body.Span, Header(headers, MessageHeaders.FaultTimestamp));
        // A command a saga published carries no correlation id of its own; MassTransit names the
        // saga that sent it as the initiator.
        var correlationId = Guid(envelope?["correlationId"]) ?? Guid(Header(headers, MessageHeaders.CorrelationId))
            ?? Guid(envelope?["initiatorId"]) ?? Guid(Header(headers, MessageHeaders.InitiatorId));
        var messageType = MessageTypeOf(envelope) ?? Header(headers, MessageHeaders.MessageType)?.Split(';')[0] ?? Header(headers, MessageHeaders.FaultMessageType);

        return new DeadLetter(
            messageId,
            queue,
            messageType is null ? null : messageType.StartsWith(UrnPrefix, StringComparison.Ordinal) ? messageType[UrnPrefix.Length..] : messageType,
            Header(headers, MessageHeaders.FaultExceptionType),
            faultMessage ?? reason,
            Time(Header(headers, MessageHeaders.FaultTimestamp)) ?? Time(envelope?["sentTime"]?.ToString()),
            correlationId,
            envelope?["sourceAddress"]?.ToString() ?? Header(headers, MessageHeaders.SourceAddress),
            Header(headers, MessageHeaders.FaultInputAddress),
            Header(headers, MessageHeaders.FaultStackTrace),
            headers,
            envelope?["message"]?.DeepClone() ?? json ?? JsonValue.Create(Encoding.UTF8.GetString(body.Span)));
    }

    /// <summary>The queue a message faulted on, from <c>MT-Fault-InputAddress</c> (its last path segment).</summary>
    public static string? InputQueue(string? inputAddress)
    {
        if (inputAddress is null || !Uri.TryCreate(inputAddress, UriKind.Absolute, out var uri))
            return null;
        var segment = uri.AbsolutePath.TrimEnd('/');
        return Uri.UnescapeDataString(segment[(segment.LastIndexOf('/') + 1)..]) is { Length: > 0 } name ? name : null;
    }

    /// <summary>The queue a dead-letter queue belongs to: <c>deposit_error</c> → <c>deposit</c>.</summary>
    public static string? SourceQueue(string deadLetterQueue)
    {
        foreach (var suffix in DeadLetterQueues.Suffixes)
        {
            if (deadLetterQueue.EndsWith(suffix, StringComparison.Ordinal))
                return deadLetterQueue[..^suffix.Length];
        }

        return null;
    }

    static JsonObject? ParseEnvelope(ReadOnlyMemory<byte> body, out JsonNode? json)
    {
        try
        {
            json = JsonNode.Parse(body.Span);
        }
        catch (JsonException)
        {
            json = null;
            return null;
        }

        return json is JsonObject envelope && envelope["messageType"] is JsonArray && envelope.ContainsKey("message") ? envelope : null;
    }

    static string? MessageTypeOf(JsonObject? envelope) =>
        envelope?["messageType"] is JsonArray { Count: > 0 } types ? types[0]?.ToString() : null;

    static string? Header(IReadOnlyDictionary<string, string?> headers, string key) =>
        headers.TryGetValue(key, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    static Guid? Guid(JsonNode? node) => Guid(node?.ToString());

    static Guid? Guid(string? value) => System.Guid.TryParse(value, out var id) ? id : null;

    static DateTime? Time(string? value) =>
        DateTime.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var time) ? time : null;

    /// <summary>
    /// A message without any id (plain JSON from a client that set none) still needs one to be
    /// shown and redriven by; derived from what it is, so every read gives the same.
    /// </summary>
    static Guid StableId(string queue, ReadOnlySpan<byte> body, string? faultedAt)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(queue + "\n" + faultedAt + "\n"));
        hash.AppendData(body);
        return new Guid(hash.GetHashAndReset().AsSpan(0, 16));
    }
}
