using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sagas.Durability.Storage;

namespace Sagas.Durability.Outbox;

/// <summary>
/// For an endpoint outside the durable outbox, whose consumers write elsewhere (the scheduler
/// writes Quartz's tables, over Quartz's own connection): once a message is consumed, the outbox row
/// the in-memory transport kept for it is deleted. Left there, every restart would deliver it again,
/// and a timer request delivered after its timer fired would store the timer again.
/// </summary>
public sealed class ForgetKeptMessageFilter(IServiceScopeFactory scopes, DurableDatabase database, IOptions<OutboxDeliveryOptions> options)
    : IFilter<ConsumeContext>
{
    public async Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        await next.Send(context).ConfigureAwait(false);
        if (!options.Value.KeepUntilConsumed || (context.GetOriginalMessageId() ?? context.MessageId) is not { } messageId)
            return;

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DurabilityDbContext>();
        using (await database.WriteGate.EnterAsync(context.CancellationToken).ConfigureAwait(false))
            await OutboxMessages.ForgetKeptAsync(db, messageId, context.CancellationToken).ConfigureAwait(false);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("forgetKeptMessage");
}
