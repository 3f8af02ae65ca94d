using Microsoft.EntityFrameworkCore;
using Sagas.Contracts;
using Sagas.Orchestrator.Data;

namespace Sagas.Orchestrator.Workflows.Orders;

/// <summary>
/// Reads an order's status from its saga row. A query never goes through the state machine, so
/// asking does not lock the order, wake it, or touch its version.
/// </summary>
public static class OrderStatusQuery
{
    public static async Task<OrderStatus?> FindAsync(SagasDbContext db, Guid orderId, CancellationToken cancellationToken)
    {
        var saga = await db.Set<OrderState>().AsNoTracking().SingleOrDefaultAsync(x => x.CorrelationId == orderId, cancellationToken);
        return saga is null ? null : StatusOf(saga);
    }

    static OrderStatus StatusOf(OrderState saga)
    {
        // A charge is refunded only by a finished undo, and an order ends Cancelled or *Failed only once every undo succeeded.
        var undone = saga.CurrentState is nameof(OrderStateMachine.Cancelled) or nameof(OrderStateMachine.PaymentFailed)
            or nameof(OrderStateMachine.ShipmentFailed) or nameof(OrderStateMachine.Rejected);
        return new OrderStatus(saga.CorrelationId, saga.CurrentState, saga.CurrentStep, saga.CustomerId, saga.Total, saga.Charged,
            undone ? saga.Charged : 0, saga.ShipmentId, saga.FailureReason, saga.CreatedAt, saga.UpdatedAt, saga.CompletedAt);
    }
}
