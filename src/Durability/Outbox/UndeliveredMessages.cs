using MassTransit;
using MassTransit.Serialization;
using Sagas.Durability.DeadLetters;

namespace Sagas.Durability.Outbox;

/// <summary>
/// An outbox row the broker kept refusing, as a dead letter of the <c>{destination}_undelivered</c>
/// queue: listed with the others, and a redrive sends it to the destination it never reached.
/// </summary>
static class UndeliveredMessages
{
    public static StoredDeadLetter DeadLetter(OutboxMessage row, string error, DateTime now)
    {
        var headers = SystemTextJsonMessageSerializer.Instance.DeserializeDictionary<object?>(row.Headers) ?? new Dictionary<string, object?>();
        headers[MessageHeaders.FaultInputAddress] = row.DestinationAddress;
        headers[MessageHeaders.FaultMessage] = error;
        headers[MessageHeaders.FaultExceptionType] = "OutboxDeliveryFailed";
        headers[MessageHeaders.FaultTimestamp] = now.ToString("O");
        return new StoredDeadLetter
        {
            MessageId = row.MessageId,
            Queue = DeadLetterQueues.QueueOf(new Uri(row.DestinationAddress)) + DeadLetterQueues.UndeliveredSuffix,
            CorrelationId = row.CorrelationId ?? row.InitiatorId,
            MessageType = row.MessageType.Split(';')[0].Replace("urn:message:", "", StringComparison.Ordinal),
            DeadLetteredAt = now,
            ContentType = row.ContentType,
            Headers = DeadLetterHeaders.ToJson(headers),
            Body = System.Text.Encoding.UTF8.GetBytes(row.Body),
        };
    }
}
