namespace Sagas.Durability.Outbox;

/// <summary>Wakes the delivery service as soon as a transaction has put messages in the outbox.</summary>
public sealed class OutboxNotifier
{
    readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try
        {
            if (_signal.CurrentCount == 0)
                _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Another writer woke the service first; one wake-up covers both.
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _signal.WaitAsync(timeout, cancellationToken);
}
