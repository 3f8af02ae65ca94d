using MassTransit;
using MassTransit.Middleware;
using MassTransit.Middleware.Outbox;
using MassTransit.Transports;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sagas.Durability.Storage;

namespace Sagas.Durability.Outbox;

/// <summary>
/// Publishing from outside a consumer (an HTTP handler, a CLI): messages become outbox rows in the
/// caller's DbContext and are delivered only if <see cref="SaveChangesAsync"/> commits them,
/// together with whatever else the caller changed.
/// </summary>
public sealed class BusOutbox<TDbContext>(
    TDbContext db,
    IBus bus,
    IServiceProvider provider,
    DurableDatabase database,
    OutboxDispatcher dispatcher,
    IOptions<OutboxDeliveryOptions> options,
    TimeProvider clock)
    : OutboxSendContext
    where TDbContext : DbContext
{
    readonly List<OutboxMessage> _added = [];
    IPublishEndpoint? _publishEndpoint;
    ISendEndpointProvider? _sendEndpointProvider;

    public IPublishEndpoint PublishEndpoint =>
        _publishEndpoint ??= new PublishEndpoint(new OutboxPublishEndpointProvider(this, bus));

    public ISendEndpointProvider SendEndpointProvider =>
        _sendEndpointProvider ??= new OutboxSendEndpointProvider(this, bus);

    public Task Publish<T>(T message, CancellationToken cancellationToken = default)
        where T : class =>
        PublishEndpoint.Publish(message, cancellationToken);

    public async Task SaveChangesAsync(CancellationToken cancellationToken = default)
    {
        using (await database.WriteGate.EnterAsync(cancellationToken).ConfigureAwait(false))
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

        Committed();
    }

    /// <summary>For callers that commit their own transaction: its messages are delivered now.</summary>
    public void Committed()
    {
        dispatcher.Committed(_added);
        _added.Clear();
    }

    public Task AddSend<T>(SendContext<T> context)
        where T : class
    {
        var message = OutboxMessages.FromSendContext(context, clock.GetUtcNow().UtcDateTime, options.Value.Lease);
        _added.Add(message);
        db.Add(message);
        return Task.CompletedTask;
    }

    public object? GetService(Type serviceType) => provider.GetService(serviceType);
}
