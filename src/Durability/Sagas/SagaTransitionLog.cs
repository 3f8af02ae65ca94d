namespace Sagas.Durability.Sagas;

/// <summary>
/// Transitions made while one message is consumed, kept until the repository saves the saga
/// so that history rows commit in the same transaction as the state.
/// </summary>
public sealed class SagaTransitionLog
{
    readonly List<SagaHistoryEntry> _pending = [];

    public IReadOnlyList<SagaHistoryEntry> Pending => _pending;

    public void Add(SagaHistoryEntry entry) => _pending.Add(entry);

    public void Clear() => _pending.Clear();
}
