namespace Sagas.Durability.Storage;

/// <summary>
/// SQLite has one writer at a time and answers contention by sleeping in a busy loop, so
/// writers in this process queue here instead. On PostgreSQL the gate is open.
/// </summary>
public sealed class WriteGate(DatabaseProvider provider)
{
    readonly SemaphoreSlim? _semaphore = provider == DatabaseProvider.Sqlite ? new SemaphoreSlim(1, 1) : null;

    public async ValueTask<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        if (_semaphore is null)
            return Released.Instance;

        await _semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Releaser(_semaphore);
    }

    sealed class Releaser(SemaphoreSlim semaphore) : IDisposable
    {
        int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
                semaphore.Release();
        }
    }

    sealed class Released : IDisposable
    {
        public static readonly Released Instance = new();

        public void Dispose()
        {
        }
    }
}
