using System.Text.Json;
using MassTransit;
using MassTransit.Context;
using MassTransit.Serialization;
using Quartz;

namespace Sagas.Durability.Scheduling;

/// <summary>
/// What a trigger carries so its job can send the message later exactly as it was scheduled:
/// the serialized body, its destination and the envelope's ids and headers.
/// </summary>
static class ScheduledMessageData
{
    public static JobDataMap From<T>(ConsumeContext<T> context, object payload, string[] payloadType, Uri destination, Guid tokenId, Guid? messageId)
        where T : class
    {
        var body = context.SerializerContext.GetMessageSerializer(payload, payloadType)
            .GetMessageBody(new MessageSendContext<T>(context.Message));

        var data = new JobDataMap
        {
            [ScheduledMessageKeys.Destination] = destination.ToString(),
            [ScheduledMessageKeys.Body] = body.GetString(),
            [ScheduledMessageKeys.ContentType] = context.ReceiveContext.ContentType?.ToString() ?? SystemTextJsonMessageSerializer.JsonContentType.ToString(),
            [ScheduledMessageKeys.MessageTypes] = string.Join(';', payloadType),
            [ScheduledMessageKeys.TokenId] = tokenId.ToString("N"),
        };

        Put(data, ScheduledMessageKeys.MessageId, messageId);
        Put(data, ScheduledMessageKeys.CorrelationId, context.CorrelationId);
        Put(data, ScheduledMessageKeys.ConversationId, context.ConversationId);
        Put(data, ScheduledMessageKeys.InitiatorId, context.InitiatorId);
        Put(data, ScheduledMessageKeys.RequestId, context.RequestId);
        Put(data, ScheduledMessageKeys.SourceAddress, context.SourceAddress);
        Put(data, ScheduledMessageKeys.ResponseAddress, context.ResponseAddress);
        Put(data, ScheduledMessageKeys.FaultAddress, context.FaultAddress);
        if (context.ExpirationTime is { } expiration)
            data[ScheduledMessageKeys.ExpirationTime] = expiration.ToUniversalTime().ToString("O");

        var headers = context.Headers.GetAll()
            .Where(header => header.Value is string or bool or int or long or double or decimal or Guid or DateTime or DateTimeOffset)
            .ToDictionary(header => header.Key, header => header.Value.ToString());
        if (headers.Count > 0)
            data[ScheduledMessageKeys.Headers] = JsonSerializer.Serialize(headers);

        return data;
    }

    static void Put(JobDataMap data, string key, object? value)
    {
        if (value is not null)
            data[key] = value is Guid id ? id.ToString("N") : value.ToString()!;
    }
}
