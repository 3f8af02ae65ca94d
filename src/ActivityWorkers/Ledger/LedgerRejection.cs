namespace Sagas.ActivityWorkers.Ledger;

/// <summary>
/// A movement the ledger refused. Kept so the answer for a reference never changes: a step sent
/// again after a timeout must not succeed where its first send was already refused.
/// </summary>
public class LedgerRejection
{
    public string ReferenceId { get; set; } = "";
    public string AccountId { get; set; } = "";
    public string Reason { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}
