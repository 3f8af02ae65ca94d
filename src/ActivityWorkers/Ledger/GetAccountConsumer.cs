using MassTransit;
using Microsoft.EntityFrameworkCore;
using Sagas.Contracts;

namespace Sagas.ActivityWorkers.Ledger;

/// <summary>An account's balance, for the API.</summary>
public sealed class GetAccountConsumer(LedgerDbContext db) : IConsumer<GetAccount>
{
    public async Task Consume(ConsumeContext<GetAccount> context)
    {
        var id = context.Message.AccountId;
        var account = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, context.CancellationToken);
        if (account is null)
            await context.RespondAsync(new AccountNotFound(id));
        else
            await context.RespondAsync(new AccountBalance(account.Id, account.Balance));
    }
}
