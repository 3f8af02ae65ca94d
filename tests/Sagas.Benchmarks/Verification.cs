using Sagas.ActivityWorkers.Ledger;
using Sagas.Orchestrator.Workflows.Transfers;

namespace Sagas.Benchmarks;

/// <summary>The invariants over every transfer of the run, warm-up included.</summary>
public static class Verification
{
    static readonly string[] Steps = ["withdraw", "deposit", "refund"];

    public static bool Run(Workload workload, int published, IReadOnlyList<TransferState> sagas, IReadOnlyList<Account> accounts,
        IReadOnlyList<LedgerEntry> entries)
    {
        var terminal = sagas.Count(s => s.CompletedAt is not null);
        var allTerminal = Check("all transfers terminal", sagas.Count == published && terminal == published,
            $"{terminal} of {published} published, {sagas.Count} sagas");

        var total = accounts.Sum(a => a.Balance);
        var conserved = Check("sum of balances unchanged", total == workload.OpeningTotal, $"{total:N2} (opened with {workload.OpeningTotal:N2})");

        var references = entries.Select(e => e.ReferenceId).ToHashSet();
        var duplicates = entries.Count - references.Count;
        var mismatched = sagas.Count(s => !Steps.Where(step => references.Contains($"{s.CorrelationId}-{step}")).SequenceEqual(Expected(s.CurrentState)));
        var once = Check("one ledger entry per reference", duplicates == 0 && mismatched == 0,
            $"{entries.Count} entries, {duplicates} duplicated, {mismatched} transfers whose entries do not match their outcome");

        return allTerminal && conserved && once;
    }

    static string[] Expected(string state) => state switch
    {
        "Completed" => ["withdraw", "deposit"],
        "Refunded" => ["withdraw", "refund"],
        "NeedsAttention" => ["withdraw"],
        _ => [],
    };

    static bool Check(string name, bool ok, string detail)
    {
        Console.WriteLine($"verify      {(ok ? "OK  " : "FAIL")} {name}: {detail}");
        return ok;
    }
}
