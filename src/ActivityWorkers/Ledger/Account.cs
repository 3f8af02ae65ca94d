namespace Sagas.ActivityWorkers.Ledger;

public class Account
{
    public string Id { get; set; } = "";
    public decimal Balance { get; set; }
    public int Version { get; set; }
}
