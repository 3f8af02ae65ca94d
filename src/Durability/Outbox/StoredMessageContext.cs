using MassTransit;
using MassTransit.Metadata;
using MassTransit.Middleware;
using MassTransit.Serialization;

namespace Sagas.Durability.Outbox;

/// <summary>Presents a stored outbox row to MassTransit's send pipe, original headers and ids included.</summary>
sealed class StoredMessageContext(OutboxMessage row) : OutboxMessageContext
{
    readonly Headers _headers = ReadHeaders(row.Headers);
    readonly IReadOnlyDictionary<string, object> _properties =
        SystemTextJsonMessageSerializer.Instance.DeserializeDictionary<object>(row.Properties) ?? new Dictionary<string, object>();

    public long SequenceNumber => row.SequenceNumber;
    public Guid MessageId => row.MessageId;
    Guid? MessageContext.MessageId => row.MessageId;
    public Guid? RequestId => row.RequestId;
    public Guid? CorrelationId => row.CorrelationId;
    public Guid? ConversationId => row.ConversationId;
    public Guid? InitiatorId => row.InitiatorId;
    public DateTime? ExpirationTime => row.ExpirationTime;
    public Uri? SourceAddress => ToUri(row.SourceAddress);
    public Uri? DestinationAddress => ToUri(row.DestinationAddress);
    public Uri? ResponseAddress => ToUri(row.ResponseAddress);
    public Uri? FaultAddress => ToUri(row.FaultAddress);
    public DateTime? SentTime => row.SentTime;
    public Headers Headers => _headers;
    public HostInfo Host => HostMetadataCache.Host;
    public string ContentType => row.ContentType;
    public string MessageType => row.MessageType;
    public string Body => row.Body;
    public IReadOnlyDictionary<string, object> Properties => _properties;

    static Uri? ToUri(string? address) => string.IsNullOrEmpty(address) ? null : new Uri(address);

    static Headers ReadHeaders(string? json)
    {
        var values = SystemTextJsonMessageSerializer.Instance.DeserializeDictionary<object?>(json);
        return values is null ? new DictionarySendHeaders() : new DictionarySendHeaders(values);
    }
}
