using MassTransit;
using Sagas.Durability.Hosting;

namespace Sagas.Durability.Activities;

/// <summary>
/// A task queue is one activity's queue for one route, named <c>{activity}.{route}</c> (say
/// <c>provision-resource.aws</c>): a workflow names the route of each command from its data (a
/// provider, a region), and only the workers that list the queue in <c>Sagas:Worker:Queues</c> take
/// its commands. Until one does, the queue holds them.
/// </summary>
public static class TaskQueues
{
    /// <summary>The queue of <paramref name="activity"/> (its endpoint name) for <paramref name="route"/>.</summary>
    public static string Name(string activity, string route) => $"{activity}.{route}";

    /// <summary>Where a command goes for <paramref name="route"/>: the queue of the activity named after its type.</summary>
    public static Uri Address(Type command, string route, SagasOptions options) =>
        QueueAddresses.Of(Name(KebabCaseEndpointNameFormatter.Instance.SanitizeName(command.Name), route), options);

    /// <summary>The activity a task queue belongs to; null for a name without a route.</summary>
    public static string? ActivityOf(string queue) => queue.IndexOf('.', StringComparison.Ordinal) is > 0 and var dot ? queue[..dot] : null;
}
