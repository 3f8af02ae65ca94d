namespace Sagas.Contracts;

/// <summary>Every order of the batch has ended; <see cref="Succeeded"/> + <see cref="Failed"/> = <see cref="Total"/>.</summary>
public record BatchCompleted(Guid BatchId, int Total, int Succeeded, int Failed);

/// <summary>The batch broke a rule; none of its orders was started.</summary>
public record BatchRejected(Guid BatchId, string Reason);
