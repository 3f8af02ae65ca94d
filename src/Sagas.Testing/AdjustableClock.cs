namespace Sagas.Testing;

/// <summary>
/// The system clock plus an offset a test moves forward, so week-long timers fire in seconds.
/// Timers and delays stay real, so Quartz's scheduler thread keeps running and simply sees a
/// later "now" on its next look.
/// </summary>
public sealed class AdjustableClock : TimeProvider
{
    long _offsetTicks;

    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    /// <summary>
    /// Jumps to just after <paramref name="instant"/>. Landing further past a due trigger than
    /// Quartz's misfire threshold (a minute) would make it a misfire, handled a minute later.
    /// </summary>
    public void AdvanceTo(DateTimeOffset instant)
    {
        var by = instant + TimeSpan.FromSeconds(1) - GetUtcNow();
        if (by > TimeSpan.Zero)
            Advance(by);
    }
}
