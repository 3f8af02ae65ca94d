using MassTransit;
using Microsoft.EntityFrameworkCore;
using Sagas.Durability.Outbox;

namespace Sagas.Operations.Schedules;

sealed class ScheduleRuns<TContext>(TContext db, BusOutbox<TContext> outbox) : IScheduleRuns
    where TContext : DbContext
{
    public Task<RunStatus> StatusAsync(IWorkflowStarter starter, Guid runId, CancellationToken cancellationToken) =>
        starter.StatusAsync(db, runId, cancellationToken);

    public async Task StartAsync(object startMessage, Guid runId, CancellationToken cancellationToken)
    {
        await outbox.PublishEndpoint.Publish(startMessage, startMessage.GetType(), Pipe.Execute<PublishContext>(context => context.MessageId = runId), cancellationToken).ConfigureAwait(false);
        await outbox.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }
}
