namespace Sagas.Durability.Activities;

/// <summary>One task queue a worker serves, bound from <c>Sagas:Worker:Queues:{queue}</c>.</summary>
public sealed class TaskQueueOptions
{
    public const string Section = "Sagas:Worker:Queues";

    /// <summary>Commands of this queue handled at once by this worker; null: the process's <c>Sagas:ConcurrentMessageLimit</c>.</summary>
    public int? ConcurrencyLimit { get; set; }

    /// <summary>At most this many commands started per <see cref="RateInterval"/> (a provider's API quota, say); null: no limit.</summary>
    public int? RateLimit { get; set; }

    public TimeSpan RateInterval { get; set; } = TimeSpan.FromSeconds(1);
}
