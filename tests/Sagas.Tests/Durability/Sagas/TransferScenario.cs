using Sagas.ActivityWorkers.Ledger;
using Sagas.Contracts;
using Sagas.Orchestrator.Workflows.Transfers;

namespace Sagas.Tests.Durability.Sagas;

/// <summary>Random accounts and transfers, some short of funds, some to accounts that do not exist.</summary>
public sealed class TransferScenario
{
    public TransferScenario(int accounts, int transfers, int seed)
    {
        var random = new Random(seed);
        Accounts = Enumerable.Range(1, accounts).Select(i => ($"acc-{i:D4}", (decimal)random.Next(0, 500))).ToList();
        Transfers = Enumerable.Range(0, transfers).Select(_ =>
        {
            var from = Accounts[random.Next(Accounts.Count)].Id;
            var to = random.Next(10) == 0 ? $"missing-{random.Next(1000)}" : Accounts[random.Next(Accounts.Count)].Id;
            while (to == from)
                to = Accounts[random.Next(Accounts.Count)].Id;
            return new StartTransfer { TransferId = Guid.NewGuid(), FromAccount = from, ToAccount = to, Amount = random.Next(1, 300) };
        }).ToList();
    }

    public List<(string Id, decimal Balance)> Accounts { get; }

    public List<StartTransfer> Transfers { get; }

    public IReadOnlyCollection<Guid> Ids => Transfers.Select(t => t.TransferId).ToHashSet();

    /// <summary>The invariants: money conserved, one movement per reference, each outcome matching its movements.</summary>
    public void AssertConsistent(IReadOnlyList<Account> accounts, IReadOnlyList<LedgerEntry> entries, IReadOnlyList<TransferState> sagas)
    {
        Assert.Equal(Accounts.Sum(a => a.Balance), accounts.Sum(a => a.Balance));
        Assert.Equal(entries.Count, entries.Select(e => e.ReferenceId).Distinct().Count());

        var opening = Accounts.ToDictionary(a => a.Id, a => a.Balance);
        foreach (var account in accounts)
            Assert.Equal(opening[account.Id] + entries.Where(e => e.AccountId == account.Id).Sum(e => e.Amount), account.Balance);

        var references = entries.Select(e => e.ReferenceId).ToHashSet();
        foreach (var saga in sagas)
        {
            var moved = new[] { "withdraw", "deposit", "refund" }.Where(step => references.Contains($"{saga.CorrelationId}-{step}")).ToArray();
            string[] expected = saga.CurrentState switch
            {
                "Completed" => ["withdraw", "deposit"],
                "Refunded" => ["withdraw", "refund"],
                "Failed" => [],
                _ => throw new Xunit.Sdk.XunitException($"Transfer {saga.CorrelationId} ended in {saga.CurrentState}"),
            };
            Assert.Equal(expected, moved);
        }

        Assert.Contains(sagas, s => s.CurrentState == "Completed");
        Assert.Contains(sagas, s => s.CurrentState == "Refunded");
        Assert.Contains(sagas, s => s.FailureReason == LedgerFailures.InsufficientFunds);
    }
}
