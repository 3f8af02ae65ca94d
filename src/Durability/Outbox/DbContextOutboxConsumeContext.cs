using MassTransit;
using MassTransit.Middleware;
using MassTransit.Middleware.Outbox;
using Microsoft.EntityFrameworkCore;
using Sagas.Durability.Telemetry;

namespace Sagas.Durability.Outbox;

/// <summary>
/// The consume context a consumer sees inside the transaction: everything it sends or publishes
/// becomes an outbox row in the same DbContext, so it commits (or not) with the consumer's changes.
/// Delivery is left to <see cref="OutboxDispatcher"/> once the transaction commits, so only the
/// first phase of MassTransit's outbox pipe ever runs here.
/// </summary>
sealed class DbContextOutboxConsumeContext<TMessage>(
    ConsumeContext<TMessage> context,
    Guid consumedMessageId,
    OutboxConsumeOptions options,
    IServiceProvider provider,
    DbContext db,
    TimeProvider clock,
    TimeSpan lease,
    SagaConsumeTelemetry telemetry)
    : OutboxConsumeContextProxy<TMessage>(context, options, provider)
    where TMessage : class
{
    public override bool HasPayloadType(Type payloadType) => payloadType == typeof(SagaConsumeTelemetry) || base.HasPayloadType(payloadType);

    public override bool TryGetPayload<T>([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out T payload)
        where T : class
    {
        if (telemetry is T found)
        {
            payload = found;
            return true;
        }

        return base.TryGetPayload(out payload!);
    }

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
        if (telemetry.SagaId is { } sagaId)
            context.Headers.Set(SagaTracing.SagaIdHeader, sagaId.ToString("D"));
        context.Headers.Set(SagaTracing.CausedByHeader, consumedMessageId.ToString("D"));
        var message = OutboxMessages.FromSendContext(context, clock.GetUtcNow().UtcDateTime, lease);
        lock (db)
            db.Add(message);
        return Task.CompletedTask;
    }
}
