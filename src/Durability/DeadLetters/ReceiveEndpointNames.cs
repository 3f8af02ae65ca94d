using System.Collections.Concurrent;

namespace Sagas.Durability.DeadLetters;

/// <summary>The queues this process's bus receives from, recorded as its endpoints are configured.</summary>
public sealed class ReceiveEndpointNames
{
    readonly ConcurrentDictionary<string, byte> _names = new(StringComparer.Ordinal);

    public void Add(string queue) => _names.TryAdd(queue, 0);

    public IReadOnlyCollection<string> All => _names.Keys.ToList();
}
