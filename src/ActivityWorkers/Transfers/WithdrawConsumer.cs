using MassTransit;
using Sagas.ActivityWorkers.Ledger;
using Sagas.Contracts;

namespace Sagas.ActivityWorkers.Transfers;

public sealed class WithdrawConsumer(LedgerBook ledger) : IConsumer<Withdraw>
{
    public async Task Consume(ConsumeContext<Withdraw> context)
    {
        var (transferId, account, amount) = context.Message;
        var failure = await ledger.PostAsync($"{transferId}-withdraw", account, -amount, context.CancellationToken);

        if (failure is null)
            await context.Publish(new WithdrawCompleted(transferId));
        else
            await context.Publish(new WithdrawRejected(transferId, failure));
    }
}
