using MassTransit;
using Sagas.ActivityWorkers.Ledger;
using Sagas.Contracts;
using Sagas.Durability.Compensation;

namespace Sagas.ActivityWorkers.Transfers;

public sealed class RefundConsumer(LedgerBook ledger) : IConsumer<Refund>
{
    public async Task Consume(ConsumeContext<Refund> context)
    {
        var (transferId, account, amount) = context.Message;
        var failure = await ledger.PostAsync($"{transferId}-refund", account, amount, context.CancellationToken);

        if (failure is null)
            await context.CompensatedAsync(transferId);
        else
            await context.CompensationFailedAsync(transferId, failure);
    }
}
