using System.Collections.Concurrent;
using System.Text.Json;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using Sagas.Durability.Hosting;
using Sagas.Durability.Scheduling;
using Sagas.Durability.Telemetry;

namespace Sagas.Tests.Chaos;

/// <summary>
/// A receiver with no inbox: a queue of the test's own, bound to an endpoint's exchange, gets a copy
/// of every message sent to that endpoint and records each send of each message id. A copy the
/// broker delivers again (it was unacknowledged when a connection dropped) is one send, not two;
/// every other copy is a send of its own, which the endpoint's inbox would hide. It also keeps which
/// consumed message each one was sent from (<see cref="SagaTracing.CausedByHeader"/>).
/// </summary>
sealed class MessageTap : IAsyncDisposable
{
    readonly ConcurrentDictionary<Guid, ConcurrentQueue<string?>> _sends = new();
    readonly ConcurrentDictionary<Guid, string> _types = new();
    readonly ConcurrentDictionary<Guid, Guid> _causes = new();
    readonly IConnection _connection;
    readonly IChannel _channel;

    MessageTap(IConnection connection, IChannel channel) => (_connection, _channel) = (connection, channel);

    /// <param name="quorum">On a cluster the tap is replicated too, so losing a node loses none of its copies.</param>
    public static async Task<MessageTap> StartAsync(string brokerConnectionString, bool quorum, params string[] exchanges)
    {
        var broker = RabbitMqConnection.Parse(brokerConnectionString);
        // Recovers the connection, the queue's binding and the consumer after a broker restart.
        var factory = new ConnectionFactory { Uri = broker.Host, AutomaticRecoveryEnabled = true, TopologyRecoveryEnabled = true };
        var connection = await factory.CreateConnectionAsync([.. broker.Nodes.Select(node => AmqpTcpEndpoint.Parse(node))], "chaos-tap");
        var channel = await connection.CreateChannelAsync();
        var queue = $"chaos-tap-{string.Join('-', exchanges)}";
        await channel.QueueDeclareAsync(queue, durable: true, exclusive: false, autoDelete: false,
            arguments: quorum ? new Dictionary<string, object?> { ["x-queue-type"] = "quorum" } : null);
        foreach (var exchange in exchanges)
            await channel.QueueBindAsync(queue, exchange, routingKey: "");

        var tap = new MessageTap(connection, channel);
        var consumer = new AsyncEventingBasicConsumer(channel);
        consumer.ReceivedAsync += async (_, delivery) =>
        {
            if (!delivery.Redelivered && Envelope(delivery.Body.Span) is { } envelope)
            {
                // The transport's own message id; the envelope's for a message that has none.
                var id = Guid.TryParse(delivery.BasicProperties.MessageId, out var property) ? property : envelope.Id;
                tap._sends.GetOrAdd(id, _ => new()).Enqueue(envelope.TimerSend);
                tap._types[id] = envelope.Type;
                if (envelope.CausedBy is { } cause)
                    tap._causes[id] = cause;
            }

            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
        };
        await channel.BasicConsumeAsync(queue, autoAck: false, consumer);
        return tap;
    }

    /// <summary>
    /// Each send of each message of a type whose name ends with <paramref name="type"/>, by message id,
    /// with why a scheduled message was sent (<see cref="ScheduledMessageJob.SendHeader"/>; null for others).
    /// </summary>
    public Dictionary<Guid, List<string?>> Sends(string type) =>
        _types.Where(x => x.Value.EndsWith(type, StringComparison.Ordinal)).ToDictionary(x => x.Key, x => _sends[x.Key].ToList());

    /// <summary>Messages sent while a consumer consumed another, each with that message's id and its own type.</summary>
    public List<(Guid Id, Guid CausedBy, string Type)> Caused() =>
        [.. _causes.Select(x => (x.Key, x.Value, _types[x.Key]))];

    /// <summary>A MassTransit envelope's message id, first message type, the message it was sent from, and why a timer sent it.</summary>
    static (Guid Id, string Type, Guid? CausedBy, string? TimerSend)? Envelope(ReadOnlySpan<byte> body)
    {
        var envelope = JsonDocument.Parse(body.ToArray()).RootElement;
        var headers = envelope.TryGetProperty("headers", out var found) && found.ValueKind == JsonValueKind.Object ? found : default;
        string? Header(string name) => headers.ValueKind == JsonValueKind.Object && headers.TryGetProperty(name, out var value) ? value.ToString() : null;
        Guid? causedBy = Guid.TryParse(Header(SagaTracing.CausedByHeader), out var cause) ? cause : null;
        return envelope.TryGetProperty("messageId", out var id) && envelope.TryGetProperty("messageType", out var types) && types.GetArrayLength() > 0
            ? (id.GetGuid(), types[0].GetString()!, causedBy, Header(ScheduledMessageJob.SendHeader))
            : null;
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
    }
}
