using System.Collections.Concurrent;
using MassTransit;

namespace Sagas.Tests.Infrastructure;

/// <summary>Counts messages the bus sent, by message type name, outbox deliveries included.</summary>
public sealed class SendCounter : ISendObserver
{
    readonly ConcurrentDictionary<string, int> _sent = new();

    public int Sent(string messageType) => _sent.GetValueOrDefault(messageType);

    public Task PreSend<T>(SendContext<T> context)
        where T : class => Task.CompletedTask;

    public Task PostSend<T>(SendContext<T> context)
        where T : class
    {
        foreach (var type in context.SupportedMessageTypes)
            _sent.AddOrUpdate(type[(type.LastIndexOf(':') + 1)..], 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public Task SendFault<T>(SendContext<T> context, Exception exception)
        where T : class => Task.CompletedTask;
}
