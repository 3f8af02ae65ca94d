using MassTransit;
using Microsoft.EntityFrameworkCore;
using Sagas.Contracts;

namespace Sagas.ActivityWorkers.Ledger;

/// <summary>Opens an account for the API. The answer rides the outbox, so it is sent only if the account was stored.</summary>
public sealed class OpenAccountConsumer(LedgerDbContext db) : IConsumer<OpenAccount>
{
    public async Task Consume(ConsumeContext<OpenAccount> context)
    {
        var (id, balance) = context.Message;
        if (Problem(context.Message) is { } problem)
            await context.RespondAsync(new AccountNotOpened(id, problem, AlreadyExists: false));
        else if (await db.Accounts.AnyAsync(x => x.Id == id, context.CancellationToken))
            await context.RespondAsync(new AccountNotOpened(id, $"Account {id} exists already", AlreadyExists: true));
        else
        {
            db.Accounts.Add(new Account { Id = id, Balance = balance });
            await context.RespondAsync(new AccountOpened(id, balance));
        }
    }

    static string? Problem(OpenAccount request) =>
        string.IsNullOrWhiteSpace(request.AccountId) || request.AccountId.Length > LedgerLimits.AccountIdLength
            ? $"accountId is required (at most {LedgerLimits.AccountIdLength} characters)"
        : request.Balance < 0 || decimal.Round(request.Balance, LedgerLimits.AmountScale) != request.Balance || request.Balance > LedgerLimits.MaxAmount
            ? $"balance cannot be negative, have more than {LedgerLimits.AmountScale} decimal places or exceed {LedgerLimits.MaxAmount}"
        : null;
}
