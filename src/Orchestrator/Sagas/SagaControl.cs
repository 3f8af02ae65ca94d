using System.Text.Json.Nodes;
using Sagas.Durability.Outbox;
using Sagas.Durability.Sagas;
using Sagas.Operations.Visibility;
using Sagas.Orchestrator.Data;

namespace Sagas.Orchestrator.Sagas;

public enum SagaOperation
{
    Signal,
    Cancel,
    Terminate,
}

/// <summary>What an operation did to one saga: sent, or refused with the reason and the status that says why.</summary>
public sealed record SagaControlResult(bool Sent, int Status, string? Refusal)
{
    public static readonly SagaControlResult Accepted = new(true, StatusCodes.Status202Accepted, null);

    public static SagaControlResult Refused(int status, string reason) => new(false, status, reason);
}

/// <summary>
/// Signals, cancels and terminates one saga by writing the message to the outbox; the saga decides
/// any race, and these checks only spare the caller a message that could change nothing.
/// </summary>
public sealed class SagaControl(SagaCatalog catalog, SignalCatalog signals, SagasDbContext db, BusOutbox<SagasDbContext> outbox)
{
    public async Task<SagaControlResult> ApplyAsync(Guid id, SagaOperation operation, string? signalName, JsonObject? data, string? reason,
        CancellationToken cancellationToken)
    {
        if (await catalog.FindAsync(db, id, cancellationToken) is not var (type, saga))
            return SagaControlResult.Refused(StatusCodes.Status404NotFound, $"no saga has the id {id}");

        if (operation == SagaOperation.Signal && signals.Find(type.StateType, signalName ?? "") is null)
        {
            var known = signals.NamesFor(type.StateType).ToList();
            return SagaControlResult.Refused(StatusCodes.Status400BadRequest,
                $"{type.Name} has no signal '{signalName}'; {(known.Count == 0 ? "it accepts none" : $"it accepts: {string.Join(", ", known)}")}");
        }

        if (type.HasEnded(saga))
            return SagaControlResult.Refused(StatusCodes.Status409Conflict, $"{type.Name} {id} has already ended in {saga.CurrentState}");
        if (operation == SagaOperation.Cancel && type.RefuseCancel(saga) is { } refusal)
            return SagaControlResult.Refused(StatusCodes.Status409Conflict, $"{type.Name} {id} cannot be cancelled: {refusal}");

        await SendAsync(type, id, operation, signalName, data, reason, cancellationToken);
        return SagaControlResult.Accepted;
    }

    /// <summary>Writes the message without saving; the caller commits one or many at once.</summary>
    public async Task SendAsync(SagaType type, Guid id, SagaOperation operation, string? signalName, JsonObject? data, string? reason,
        CancellationToken cancellationToken)
    {
        reason = string.IsNullOrWhiteSpace(reason) ? "by an operator" : reason.Trim();
        switch (operation)
        {
            case SagaOperation.Signal:
                var signal = signals.Find(type.StateType, signalName!)!;
                await outbox.PublishEndpoint.Publish(SagaSignals.Message(signal, id, data), signal.MessageType, cancellationToken);
                break;
            // A workflow with a cancel of its own (an order refusing once shipped) keeps the last word.
            case SagaOperation.Cancel when CancelSignal(type) is { } cancel:
                await outbox.PublishEndpoint.Publish(SagaSignals.Message(cancel, id, new JsonObject { ["reason"] = reason }), cancel.MessageType, cancellationToken);
                break;
            case SagaOperation.Cancel:
                await SendToSagaAsync(type, new CancelSaga(id, reason), cancellationToken);
                break;
            case SagaOperation.Terminate:
                await SendToSagaAsync(type, new TerminateSaga(id, reason), cancellationToken);
                break;
        }
    }

    public Task SaveAsync(CancellationToken cancellationToken) => outbox.SaveChangesAsync(cancellationToken);

    Signal? CancelSignal(SagaType type) => signals.Find(type.StateType, "cancel");

    async Task SendToSagaAsync<T>(SagaType type, T message, CancellationToken cancellationToken)
        where T : class
    {
        var endpoint = await outbox.SendEndpointProvider.GetSendEndpoint(type.Address);
        await endpoint.Send(message, cancellationToken);
    }
}
