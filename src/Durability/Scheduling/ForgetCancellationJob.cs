using Quartz;

namespace Sagas.Durability.Scheduling;

/// <summary>
/// Fires when a remembered cancellation expires. It has nothing to do: the marker job is not
/// durable, so Quartz deletes it once this, its only trigger, is done.
/// </summary>
public sealed class ForgetCancellationJob : IJob
{
    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
}
