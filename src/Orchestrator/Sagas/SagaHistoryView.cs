using Microsoft.EntityFrameworkCore;
using Sagas.Durability.Sagas;
using Sagas.Orchestrator.Data;

namespace Sagas.Orchestrator.Sagas;

public record SagaHistoryView(int Sequence, string Event, string? FromState, string ToState, DateTime OccurredAt, Guid? MessageId)
{
    public static Task<List<SagaHistoryView>> LoadAsync(SagasDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.Set<SagaHistoryEntry>().AsNoTracking()
            .Where(x => x.CorrelationId == id)
            .OrderBy(x => x.SequenceNumber)
            .Select(x => new SagaHistoryView(x.SequenceNumber, x.EventName, x.FromState, x.ToState, x.OccurredAt, x.MessageId))
            .ToListAsync(cancellationToken);
}
