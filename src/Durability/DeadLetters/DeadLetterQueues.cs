namespace Sagas.Durability.DeadLetters;

/// <summary>MassTransit's names for where a queue's dead letters go.</summary>
public static class DeadLetterQueues
{
    public const string ErrorSuffix = "_error";
    public const string SkippedSuffix = "_skipped";

    /// <summary>Ours, not MassTransit's: outbox rows the broker kept refusing, kept in the <c>dead_letters</c> table.</summary>
    public const string UndeliveredSuffix = "_undelivered";

    public static readonly string[] Suffixes = [ErrorSuffix, SkippedSuffix, UndeliveredSuffix];

    public static bool IsDeadLetterQueue(string queue) => Suffixes.Any(suffix => queue.EndsWith(suffix, StringComparison.Ordinal));

    /// <summary>The queue an endpoint receives from: the last segment of its input address.</summary>
    public static string QueueOf(Uri? inputAddress) => DeadLetterReader.InputQueue(inputAddress?.ToString()) ?? "unknown";
}
