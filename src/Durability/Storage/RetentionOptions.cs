namespace Sagas.Durability.Storage;

/// <summary>Bound from <c>Sagas:Retention</c>.</summary>
public sealed class RetentionOptions
{
    /// <summary>How long a consumed message id is remembered; a redelivery later than this runs again.</summary>
    public TimeSpan Inbox { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long a starting request is remembered; a retry later than this with a fresh id starts again.</summary>
    public TimeSpan StartRequests { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long finished sagas stay in their tables; null keeps them for ever.</summary>
    public TimeSpan? FinishedSagas { get; set; }

    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(10);
}
