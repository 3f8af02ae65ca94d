namespace Sagas.ActivityWorkers.Activities;

/// <summary>
/// Transient failures (anything but a business rejection, which is a reply, not an exception)
/// are retried with exponential backoff. Bound per activity from <c>Sagas:Activities:{Name}:Retry</c>.
/// </summary>
public sealed class ActivityRetryOptions
{
    public TimeSpan InitialInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromSeconds(100);

    /// <summary>Null retries for ever, as the seed workflows do.</summary>
    public int? MaxAttempts { get; set; }
}
