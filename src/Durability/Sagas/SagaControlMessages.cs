namespace Sagas.Durability.Sagas;

/// <summary>An operator's order to stop a saga where it stands, undoing nothing; it ends in <c>Terminated</c>.</summary>
public record TerminateSaga(Guid CorrelationId, string Reason);

/// <summary>A request to stop a saga and undo what it did; each workflow says whether, and until when, it can be cancelled.</summary>
public record CancelSaga(Guid CorrelationId, string Reason);
