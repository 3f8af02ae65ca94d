namespace Sagas.Durability.DeadLetters;

/// <summary><c>Sagas:DeadLetters</c>: where the real stack's dead letters are looked for.</summary>
public sealed class RabbitMqDeadLetterOptions
{
    public const string Section = "Sagas:DeadLetters";

    /// <summary>RabbitMQ's management API, to find every <c>_error</c> and <c>_skipped</c> queue of the virtual host (default: the broker's host, port 15672, same user).</summary>
    public Uri? ManagementUrl { get; set; }

    /// <summary>Dead-letter queues to read besides those found (or when the management API cannot be reached).</summary>
    public List<string> Queues { get; set; } = [];

    /// <summary>Messages read from one queue at most per request.</summary>
    public int ScanLimit { get; set; } = 10_000;
}
