namespace Sagas.Tests.Infrastructure;

public static class Eventually
{
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(30);

    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? wait = null)
    {
        var timeout = wait ?? DefaultWait;
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out after {timeout} waiting for {what}.");
            await Task.Delay(100);
        }
    }

    /// <summary>Polls until <paramref name="read"/> returns a value that passes <paramref name="accept"/>; returns it.</summary>
    public static async Task<T> MatchAsync<T>(Func<Task<T?>> read, Func<T, bool> accept, string what, TimeSpan? wait = null)
    {
        T? last = default;
        await TrueAsync(async () => (last = await read()) is { } value && accept(value), what, wait);
        return last!;
    }
}
