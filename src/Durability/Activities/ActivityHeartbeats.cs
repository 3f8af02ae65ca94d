using MassTransit;

namespace Sagas.Durability.Activities;

/// <summary>
/// Lets a long activity report progress to the saga that started it. Heartbeats go straight to
/// the bus, not through the consumer's outbox: they must arrive while the activity still runs.
/// Each is sent to the queue of the saga that sent the step (its response address), so a beat
/// costs one message to one workflow, not one to every workflow that takes heartbeats.
/// </summary>
public sealed class ActivityHeartbeats(IBus bus)
{
    /// <returns>False when the command did not come from a saga step (so nobody is listening).</returns>
    public async Task<bool> BeatAsync(ConsumeContext context, Guid correlationId, long progress, string? details = null)
    {
        if (StepHeaders.Of(context) is not var (step, attempt) || context.ResponseAddress is not { } saga)
            return false;

        var endpoint = await bus.GetSendEndpoint(saga).ConfigureAwait(false);
        await endpoint.Send(new ActivityHeartbeat(correlationId, step, attempt, progress, details), context.CancellationToken).ConfigureAwait(false);
        return true;
    }
}
