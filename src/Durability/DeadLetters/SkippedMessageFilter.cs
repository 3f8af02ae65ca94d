using MassTransit;
using MassTransit.Transports;
using Microsoft.Extensions.Logging;

namespace Sagas.Durability.DeadLetters;

/// <summary>A message no consumer on the endpoint took: kept, with the reason why.</summary>
sealed class SkippedMessageFilter(StoredDeadLetters? store, ILogger logger) : IFilter<ReceiveContext>
{
    const string FaultTypePrefix = "MassTransit:Fault[";

    public async Task Send(ReceiveContext context, IPipe<ReceiveContext> next)
    {
        var queue = DeadLetterQueues.QueueOf(context.InputAddress);
        var transportHeaders = context.TransportHeaders.GetAll().Select(x => new KeyValuePair<string, object?>(x.Key, x.Value)).ToList();
        var type = DeadLetterReader.Read(queue, DeadLetterHeaders.AsText(transportHeaders), context.GetBody(), context.GetMessageId()).MessageType;
        // A step's Fault<T> goes back to the saga that sent it (its response address); sagas here
        // act on timeouts instead, and the failed message itself is in the error queue with its cause.
        if (type?.StartsWith(FaultTypePrefix, StringComparison.Ordinal) == true)
        {
            await next.Send(context).ConfigureAwait(false);
            return;
        }

        var reason = type is null
            ? $"skipped: the message names no type (plain JSON needs an MT-MessageType header or the exchange named after its type), so nothing on {queue} consumes it"
            : $"skipped: nothing on {queue} consumes {type}";
        logger.LogWarning("Dead-lettering a message on {Queue}: {Reason}", queue, reason);

        if (store is not null)
        {
            var headers = transportHeaders
                .Append(new(MessageHeaders.Reason, reason))
                .Append(new(MessageHeaders.FaultInputAddress, context.InputAddress?.ToString()));
            await store.AddAsync(queue + DeadLetterQueues.SkippedSuffix, context, headers, context.CancellationToken).ConfigureAwait(false);
        }
        else if (context.TryGetPayload(out IDeadLetterTransport? transport))
        {
            await transport.Send(context, reason).ConfigureAwait(false);
        }
        else
        {
            throw new InvalidOperationException($"No dead-letter transport on {context.InputAddress}");
        }

        await next.Send(context).ConfigureAwait(false);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("skippedWithReason");
}
