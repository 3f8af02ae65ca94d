namespace Sagas.Durability.DeadLetters;

/// <summary>Which dead letters to list or redrive; every criterion given must match.</summary>
public sealed record DeadLetterQuery(string? Queue = null, string? MessageType = null, Guid? SagaId = null, int Limit = DeadLetterQuery.DefaultLimit)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>Why the query cannot run, or null.</summary>
    public string? Problem() => Limit is < 1 or > MaxLimit ? $"limit must be between 1 and {MaxLimit}" : null;

    public bool Matches(DeadLetter letter) =>
        (Queue is null || string.Equals(Queue, letter.Queue, StringComparison.OrdinalIgnoreCase))
        && (SagaId is null || SagaId == letter.CorrelationId)
        && (MessageType is null || IsMessageType(letter.MessageType, MessageType));

    /// <summary>A type matches by its full name (<c>Sagas.Contracts:Deposit</c>) or by its short one (<c>Deposit</c>).</summary>
    public static bool IsMessageType(string? messageType, string wanted)
    {
        if (messageType is null)
            return false;
        if (string.Equals(messageType, wanted, StringComparison.OrdinalIgnoreCase))
            return true;

        var shortName = messageType[(messageType.LastIndexOfAny([':', '.']) + 1)..];
        return string.Equals(shortName, wanted, StringComparison.OrdinalIgnoreCase);
    }
}
