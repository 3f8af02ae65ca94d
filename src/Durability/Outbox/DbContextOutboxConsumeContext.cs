using MassTransit;
using MassTransit.Middleware;
using MassTransit.Middleware.Outbox;
using Microsoft.EntityFrameworkCore;

namespace Sagas.Durability.Outbox;

/// <summary>
/// The consume context a consumer sees inside the transaction: everything it sends or publishes
/// becomes an outbox row in the same DbContext, so it commits (or not) with the consumer's changes.
/// Delivery is left to <see cref="OutboxDeliveryService{TDbContext}"/>, so only the first phase
/// of MassTransit's outbox pipe ever runs here.
/// </summary>
sealed class DbContextOutboxConsumeContext<TMessage>(
    ConsumeContext<TMessage> context,
    OutboxConsumeOptions options,
    IServiceProvider provider,
    DbContext db,
    TimeProvider clock)
    : OutboxConsumeContextProxy<TMessage>(context, options, provider)
    where TMessage : class
{
    public override bool ContinueProcessing { get; set; }
    public override bool IsMessageConsumed => false;
    public override bool IsOutboxDelivered => false;
    public override int ReceiveCount => this.GetRetryAttempt() + 1;
    public override long? LastSequenceNumber => null;

    public override Task SetConsumed() => Task.CompletedTask;

    public override Task SetDelivered() => Task.CompletedTask;

    public override Task<List<OutboxMessageContext>> LoadOutboxMessages() => Task.FromResult(new List<OutboxMessageContext>());

    public override Task NotifyOutboxMessageDelivered(OutboxMessageContext message) => Task.CompletedTask;

    public override Task RemoveOutboxMessages() => Task.CompletedTask;

    public override Task AddSend<T>(SendContext<T> context)
    {
        var message = OutboxMessages.FromSendContext(context, clock.GetUtcNow().UtcDateTime);
        lock (db)
            db.Add(message);
        return Task.CompletedTask;
    }
}
