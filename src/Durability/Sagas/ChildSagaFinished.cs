namespace Sagas.Durability.Sagas;

/// <summary>
/// Sent to a parent saga when a child it started first reaches a terminal state.
/// <paramref name="Address"/> is the child's endpoint, for the parent to send it an undo later.
/// </summary>
public sealed record ChildSagaFinished(Guid ParentId, Guid ChildId, string ChildType, string State, bool Succeeded, Uri Address);
