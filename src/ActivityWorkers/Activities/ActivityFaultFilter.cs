using System.Collections.Concurrent;
using MassTransit;

namespace Sagas.ActivityWorkers.Activities;

/// <summary>
/// Fails attempts of an activity as <see cref="ActivityFaultOptions"/> say. It sits in the
/// consumer's pipe, inside the transactional inbox/outbox, so a failed attempt leaves no trace:
/// its changes, inbox claim and replies roll back, and the retry policy runs it again.
/// </summary>
public sealed class ActivityFaultFilter<TConsumer>(string activity, ActivityFaultOptions options) : IFilter<ConsumerConsumeContext<TConsumer>>
    where TConsumer : class
{
    readonly ConcurrentDictionary<Guid, int> _attempts = new();

    public async Task Send(ConsumerConsumeContext<TConsumer> context, IPipe<ConsumerConsumeContext<TConsumer>> next)
    {
        var fault = FaultOf(context.GetOriginalMessageId() ?? context.MessageId);
        await next.Send(context);
        if (fault is not null)
            throw new InjectedActivityFaultException($"Injected fault in {activity}: {fault}");
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("activityFaults");

    string? FaultOf(Guid? messageId)
    {
        if (options.FailFirst > 0 && messageId is { } id)
        {
            var attempt = _attempts.AddOrUpdate(id, 1, (_, n) => n + 1);
            if (attempt <= options.FailFirst)
                return $"attempt {attempt} of {options.FailFirst} failing attempts of message {id}";
            // Past its failures a message needs no count: a later duplicate stops at the inbox before this filter.
            _attempts.TryRemove(id, out _);
        }

        return options.FailureRate > 0 && Random.Shared.NextDouble() < options.FailureRate
            ? $"failure rate {options.FailureRate}"
            : null;
    }
}

/// <summary>A transient failure made on purpose; retried like any other.</summary>
public sealed class InjectedActivityFaultException(string message) : Exception(message);
