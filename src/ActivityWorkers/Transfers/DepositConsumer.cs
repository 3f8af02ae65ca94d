using MassTransit;
using Sagas.ActivityWorkers.Ledger;
using Sagas.Contracts;

namespace Sagas.ActivityWorkers.Transfers;

public sealed class DepositConsumer(LedgerBook ledger) : IConsumer<Deposit>
{
    public async Task Consume(ConsumeContext<Deposit> context)
    {
        var (transferId, account, amount) = context.Message;
        var failure = await ledger.PostAsync($"{transferId}-deposit", account, amount, context.CancellationToken);

        if (failure is null)
            await context.Publish(new DepositCompleted(transferId));
        else
            await context.Publish(new DepositRejected(transferId, failure));
    }
}
