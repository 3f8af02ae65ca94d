using MassTransit;

namespace Sagas.Durability.Outbox;

/// <summary>
/// A message that must reach a queue: a step's command published before its worker has bound its
/// queue would otherwise be dropped by RabbitMQ and confirmed all the same. Sent mandatory, the
/// broker returns it, the send fails, and the outbox row stays to be sent again (with growing
/// pauses) until a queue takes it. Events nobody subscribes to are not marked: dropping them is right.
/// </summary>
public static class MustRoute
{
    /// <summary>
    /// The header that marks it, holding the message's own id: MassTransit copies a consumed
    /// message's headers onto what its consumer sends, and those copies must not become mandatory.
    /// </summary>
    public const string Header = "Sagas-Must-Route";

    public static void Mark(SendContext context)
    {
        context.MessageId ??= NewId.NextGuid();
        context.Headers.Set(Header, context.MessageId.Value.ToString("N"));
    }

    /// <summary>The pipe that delivers a stored row, made mandatory on RabbitMQ when the row itself was marked.</summary>
    internal static IPipe<SendContext> Apply(IPipe<SendContext> deliver, StoredMessageContext message) =>
        message.Headers.Get<string>(Header) == message.MessageId.ToString("N") ? new MandatoryPipe(deliver) : deliver;

    sealed class MandatoryPipe(IPipe<SendContext> deliver) : IPipe<SendContext>
    {
        public async Task Send(SendContext context)
        {
            await deliver.Send(context).ConfigureAwait(false);
            if (context.TryGetPayload(out RabbitMqSendContext? rabbit))
                rabbit.Mandatory = true;
        }

        public void Probe(ProbeContext context) => deliver.Probe(context);
    }
}
