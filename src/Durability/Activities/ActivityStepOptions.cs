namespace Sagas.Durability.Activities;

/// <summary>
/// How long a saga waits for an activity it started, and how often it asks again. Bound per
/// activity from <c>Sagas:Activities:{Name}</c> (e.g. <c>Sagas:Activities:{Name}:StartToClose</c>).
/// </summary>
public sealed class ActivityStepOptions
{
    /// <summary>Temporal's start-to-close: no answer within this, and the step is sent again.</summary>
    public TimeSpan StartToClose { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Sends of the step in all, the first included, before the saga gives up on it.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>
    /// For long activities that report progress: no heartbeat within this, and the step is sent
    /// again from the last progress reported. Null: only <see cref="StartToClose"/> applies.
    /// </summary>
    public TimeSpan? HeartbeatTimeout { get; set; }

    /// <summary>
    /// Send each command to the task queue of the route its workflow names for it (a provider's
    /// queue, say), where only the workers listing that queue take it; off, every command goes to
    /// the activity's shared queue.
    /// </summary>
    public bool RouteToTaskQueues { get; set; }
}
