using System.Collections.Concurrent;
using MassTransit;

namespace Sagas.Tests.Infrastructure;

/// <summary>Counts finished deliveries per message id, however the consumer pipe ended.</summary>
public sealed class ReceiveCounter : IReceiveObserver
{
    readonly ConcurrentDictionary<Guid, int> _finished = new();
    int _faulted;

    /// <summary>Deliveries whose receive pipe ended in an exception.</summary>
    public int Faulted => _faulted;

    public int Finished(Guid messageId) => _finished.GetValueOrDefault(messageId);

    public async Task WaitForAsync(Guid messageId, int deliveries, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Finished(messageId) < deliveries)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Message {messageId} finished {Finished(messageId)} of {deliveries} deliveries");
            await Task.Delay(20);
        }
    }

    public Task PreReceive(ReceiveContext context) => Task.CompletedTask;

    public Task PostReceive(ReceiveContext context) => Count(context);

    public Task PostConsume<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType)
        where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, TimeSpan duration, string consumerType, Exception exception)
        where T : class => Task.CompletedTask;

    public Task ReceiveFault(ReceiveContext context, Exception exception)
    {
        Interlocked.Increment(ref _faulted);
        return Count(context);
    }

    Task Count(ReceiveContext context)
    {
        if (context.GetMessageId() is { } id)
            _finished.AddOrUpdate(id, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }
}
