using System.Net.Mime;
using MassTransit;
using MassTransit.Configuration;
using MassTransit.Serialization;

namespace Sagas.Durability.Hosting;

/// <summary>
/// Accepts plain JSON (<c>application/json</c>) from any platform. A message without a type
/// header takes its type from the RabbitMQ exchange it was published to, as MassTransit names
/// exchanges after message types; an endpoint that consumes several types then still tells them apart.
/// </summary>
sealed class PlainJsonSerializerFactory : ISerializerFactory
{
    const string ExchangeHeader = "RabbitMQ-ExchangeName";

    readonly ISerializerFactory _raw = new SystemTextJsonRawMessageSerializerFactory(RawSerializerOptions.Default);

    public ContentType ContentType => _raw.ContentType;

    public IMessageSerializer CreateSerializer() => _raw.CreateSerializer();

    public IMessageDeserializer CreateDeserializer() => new Deserializer(_raw.CreateDeserializer());

    sealed class Deserializer(IMessageDeserializer raw) : IMessageDeserializer
    {
        public ContentType ContentType => raw.ContentType;

        public ConsumeContext Deserialize(ReceiveContext receiveContext) =>
            new BodyConsumeContext(receiveContext, Deserialize(receiveContext.Body, receiveContext.TransportHeaders, receiveContext.InputAddress));

        public SerializerContext Deserialize(MessageBody body, Headers headers, Uri? destinationAddress = null)
        {
            if (headers.GetMessageTypes().Length == 0 && headers.TryGetHeader(ExchangeHeader, out var exchange) && exchange is string { Length: > 0 } name)
            {
                var typed = new DictionarySendHeaders(headers.GetAll().ToDictionary(x => x.Key, x => (object?)x.Value));
                typed.Set(MessageHeaders.MessageType, $"urn:message:{name}");
                headers = typed;
            }

            return raw.Deserialize(body, headers, destinationAddress);
        }

        public MessageBody GetMessageBody(string text) => raw.GetMessageBody(text);

        public void Probe(ProbeContext context) => raw.Probe(context);
    }
}
