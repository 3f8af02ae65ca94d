namespace Sagas.ActivityWorkers.Activities;

/// <summary>
/// Transient failures (anything but a business rejection, which is a reply, not an exception)
/// are retried a few times at once, then redelivered later with exponential backoff through the
/// scheduler, so a waiting message holds no consumer slot and needs no broker plugin. Bound per
/// activity from <c>Sagas:Activities:{Name}:Retry</c>.
/// </summary>
public sealed class ActivityRetryOptions
{
    /// <summary>Retries in the same delivery, for blips such as a lock timeout.</summary>
    public int Immediate { get; set; } = 2;

    public TimeSpan InitialInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>
    /// Redeliveries before the message goes to the activity's error queue with its cause, so a
    /// failure that will never pass (a refused merchant credit) does not loop; 0 redelivers nothing.
    /// </summary>
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Redeliver until it succeeds, ignoring <see cref="MaxAttempts"/>: for activities whose failures always pass.</summary>
    public bool Forever { get; set; }
}
