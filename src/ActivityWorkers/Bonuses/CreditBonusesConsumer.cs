using MassTransit;
using Microsoft.EntityFrameworkCore;
using Sagas.ActivityWorkers.Ledger;
using Sagas.Contracts;

namespace Sagas.ActivityWorkers.Bonuses;

/// <summary>
/// Pays a period's bonus to each account whose balance reaches the minimum. The ledger reference
/// <c>bonus:{account}:{period}</c> makes each payment happen once, whichever run gets there first.
/// </summary>
public sealed class CreditBonusesConsumer(LedgerDbContext db, LedgerBook ledger) : IConsumer<CreditBonuses>
{
    public static string ReferenceId(string account, string period) => $"bonus:{account}:{period}";

    public async Task Consume(ConsumeContext<CreditBonuses> context)
    {
        var (calculationId, period, amount, minimumBalance) = context.Message;
        var ct = context.CancellationToken;
        var suffix = ":" + period;
        var paid = (await db.LedgerEntries.AsNoTracking()
                .Where(x => x.ReferenceId.StartsWith("bonus:") && x.ReferenceId.EndsWith(suffix))
                .Select(x => x.ReferenceId)
                .ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        // An account paid before may have been eligible only before its bonus; it still counts as paid, not as new.
        var accounts = (await db.Accounts.AsNoTracking().Select(x => new { x.Id, x.Balance }).ToListAsync(ct))
            .Where(a => paid.Contains(ReferenceId(a.Id, period)) || a.Balance >= minimumBalance)
            .OrderBy(a => a.Id, StringComparer.Ordinal)
            .ToList();

        var credited = 0;
        foreach (var account in accounts.Where(a => !paid.Contains(ReferenceId(a.Id, period))))
        {
            var reference = ReferenceId(account.Id, period);
            if (await ledger.PostAsync(reference, account.Id, amount, ct) is { } failure)
                throw new InvalidOperationException($"Bonus for {account.Id} in {period} was refused: {failure}");
            // A concurrent run may have paid since the query above; only money this run moved counts.
            if (ledger.MovedNow(reference))
                credited++;
        }

        await context.Publish(new BonusesCredited(calculationId, period, accounts.Count, credited, accounts.Count - credited, credited * amount));
    }
}
