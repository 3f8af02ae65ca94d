using MassTransit;
using MassTransit.Transports;
using Microsoft.Extensions.Logging;

namespace Sagas.Durability.DeadLetters;

/// <summary>
/// Keeps a message that faulted after its retries in the <c>dead_letters</c> table with the fault
/// headers an error queue would hold. Should the database refuse, the transport's own error queue
/// takes it, so it is at least logged and kept while the process lives.
/// </summary>
sealed class StoreFaultedMessageFilter(StoredDeadLetters store, ILogger logger) : IFilter<ExceptionReceiveContext>
{
    public async Task Send(ExceptionReceiveContext context, IPipe<ExceptionReceiveContext> next)
    {
        var queue = DeadLetterQueues.QueueOf(context.InputAddress) + DeadLetterQueues.ErrorSuffix;
        var headers = context.TransportHeaders.GetAll().Concat(context.ExceptionHeaders.GetAll())
            .Select(x => new KeyValuePair<string, object?>(x.Key, x.Value));
        try
        {
            await store.AddAsync(queue, context, headers, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Could not store a dead letter of {Queue}; it goes to the transport's error queue", queue);
            if (!context.TryGetPayload(out IErrorTransport? transport))
                throw;
            await transport.Send(context).ConfigureAwait(false);
        }

        await next.Send(context).ConfigureAwait(false);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("storeFaulted");
}
