using MassTransit;
using MassTransit.Context;
using MassTransit.Serialization;
using Microsoft.EntityFrameworkCore;

namespace Sagas.Durability.Outbox;

static class OutboxMessages
{
    public static OutboxMessage FromSendContext<T>(SendContext<T> context, DateTime now, TimeSpan lease)
        where T : class
    {
        if (context.MessageId is not { } messageId)
            throw new MessageException(typeof(T), "The outbox needs a MessageId on every message it stores");
        if (context.DestinationAddress is null)
            throw new MessageException(typeof(T), "The outbox needs a destination address on every message it stores");

        var serializer = SystemTextJsonMessageSerializer.Instance;
        var message = new OutboxMessage
        {
            MessageId = messageId,
            ConversationId = context.ConversationId,
            CorrelationId = context.CorrelationId,
            InitiatorId = context.InitiatorId,
            RequestId = context.RequestId,
            SourceAddress = context.SourceAddress?.ToString(),
            DestinationAddress = context.DestinationAddress.ToString(),
            ResponseAddress = context.ResponseAddress?.ToString(),
            FaultAddress = context.FaultAddress?.ToString(),
            SentTime = context.SentTime ?? now,
            ExpirationTime = context.TimeToLive is { } ttl ? now + ttl : null,
            ContentType = context.ContentType?.ToString() ?? context.Serialization.DefaultContentType.ToString(),
            MessageType = string.Join(";", context.SupportedMessageTypes),
            Body = context.Serializer.GetMessageBody(context).GetString(),
            Headers = serializer.SerializeDictionary(context.Headers.GetAll()),
            LockedUntil = now + lease,
        };

        if (context is TransportSendContext<T> transportContext)
        {
            var properties = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
            transportContext.WritePropertiesTo(properties);
            message.Properties = serializer.SerializeDictionary(properties);
        }

        return message;
    }

    /// <summary>The row kept for a consumed message (in-memory transport) is no longer needed: its message was taken.</summary>
    public static Task ForgetKeptAsync(DbContext db, Guid messageId, CancellationToken cancellationToken) =>
        db.Set<OutboxMessage>().Where(x => x.MessageId == messageId).ExecuteDeleteAsync(cancellationToken);
}
