using System.Text.Json.Nodes;

namespace Sagas.Durability.DeadLetters;

/// <summary>
/// A message that was not consumed: faulted after its retries (<c>{queue}_error</c>) or consumed by
/// nothing (<c>{queue}_skipped</c>), with the cause MassTransit recorded in its headers.
/// </summary>
public sealed record DeadLetter(
    Guid Id,
    string Queue,
    string? MessageType,
    string? ExceptionType,
    string? Reason,
    DateTime? FaultedAt,
    Guid? CorrelationId,
    string? SourceAddress,
    string? InputAddress,
    string? StackTrace,
    IReadOnlyDictionary<string, string?> Headers,
    JsonNode? Body);

/// <summary>The outcome of a bulk redrive; nothing is sent when <see cref="DryRun"/>.</summary>
public sealed record DeadLetterRedrive(int Matched, int Applied, bool DryRun);
