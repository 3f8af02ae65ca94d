using MassTransit;
using Microsoft.EntityFrameworkCore;
using Sagas.ActivityWorkers.Ledger;
using Sagas.Contracts;

namespace Sagas.ActivityWorkers.Expenses;

public sealed class NotifyApproverConsumer(LedgerDbContext db, TimeProvider clock) : IConsumer<NotifyApprover>
{
    public async Task Consume(ConsumeContext<NotifyApprover> context)
    {
        var request = context.Message;
        var notification = await db.Set<ApprovalNotification>()
            .SingleOrDefaultAsync(x => x.ExpenseId == request.ExpenseId, context.CancellationToken);
        if (notification is null)
        {
            notification = new ApprovalNotification
            {
                ExpenseId = request.ExpenseId,
                Employee = request.Employee,
                Amount = request.Amount,
                Description = request.Description,
                NotifiedAt = clock.GetUtcNow().UtcDateTime,
            };
            db.Add(notification);
        }

        await context.Publish(new ApproverNotified(request.ExpenseId, notification.NotifiedAt));
    }
}
