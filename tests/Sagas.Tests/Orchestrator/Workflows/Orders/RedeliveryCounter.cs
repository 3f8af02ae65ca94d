using System.Collections.Concurrent;
using MassTransit;

namespace Sagas.Tests.Orchestrator.Workflows.Orders;

/// <summary>
/// Counts, per message type, the deliveries that came again through the scheduler: a message is
/// only redelivered after its attempts in the first delivery all failed, so with faults off
/// (and no real failures) every count stays at zero.
/// </summary>
public sealed class RedeliveryCounter : IConsumeObserver
{
    readonly ConcurrentDictionary<string, int> _redeliveries = new();

    public int Of(string messageType) => _redeliveries.GetValueOrDefault(messageType);

    public override string ToString() => string.Join(", ", _redeliveries.OrderBy(x => x.Key).Select(x => $"{x.Key} {x.Value}"));

    public Task PreConsume<T>(ConsumeContext<T> context)
        where T : class
    {
        if (context.GetRedeliveryCount() > 0)
            _redeliveries.AddOrUpdate(typeof(T).Name, 1, (_, n) => n + 1);
        return Task.CompletedTask;
    }

    public Task PostConsume<T>(ConsumeContext<T> context)
        where T : class => Task.CompletedTask;

    public Task ConsumeFault<T>(ConsumeContext<T> context, Exception exception)
        where T : class => Task.CompletedTask;
}
