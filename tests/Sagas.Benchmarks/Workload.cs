using Sagas.Contracts;

namespace Sagas.Benchmarks;

/// <summary>
/// Accounts rich enough that no withdrawal is refused, and transfers of which about 5% go to an
/// account that does not exist, so those are withdrawn, rejected on deposit and refunded.
/// </summary>
public sealed class Workload(int accounts, int seed = 42)
{
    public const decimal OpeningBalance = 1_000_000_000m;

    readonly Random _random = new(seed);

    public IReadOnlyList<string> AccountIds { get; } = Enumerable.Range(1, accounts).Select(i => $"bench-{i:D5}").ToList();

    public decimal OpeningTotal => OpeningBalance * AccountIds.Count;

    public List<StartTransfer> Transfers(int count) => Enumerable.Range(0, count).Select(_ => NextTransfer()).ToList();

    StartTransfer NextTransfer()
    {
        var from = AccountIds[_random.Next(AccountIds.Count)];
        var to = _random.Next(100) < 5 ? $"unknown-{_random.Next(1000)}" : AccountIds[_random.Next(AccountIds.Count)];
        while (to == from)
            to = AccountIds[_random.Next(AccountIds.Count)];

        return new StartTransfer { TransferId = Guid.NewGuid(), FromAccount = from, ToAccount = to, Amount = _random.Next(1, 1000) };
    }
}
