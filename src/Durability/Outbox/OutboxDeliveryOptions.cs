namespace Sagas.Durability.Outbox;

public sealed class OutboxDeliveryOptions
{
    /// <summary>Messages taken per pass; they are sent concurrently.</summary>
    public int BatchSize { get; set; } = 100;

    /// <summary>Passes running at once. PostgreSQL only: SQLite has one writer anyway.</summary>
    public int Sweepers { get; set; } = 2;

    /// <summary>How often to look for rows nobody announced, e.g. left by a process that died.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
