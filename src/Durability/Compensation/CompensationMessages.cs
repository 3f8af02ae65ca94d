namespace Sagas.Durability.Compensation;

/// <summary>An undo command succeeded; sent back to the saga that asked, named by its step.</summary>
public sealed record CompensationCompleted(Guid CorrelationId, string Step);

/// <summary>An undo command cannot succeed; the saga stops and needs a person.</summary>
public sealed record CompensationFailed(Guid CorrelationId, string Step, string Reason);

/// <summary>A parent asks a finished child saga to undo what it did.</summary>
public sealed record CompensateSaga(Guid CorrelationId);
