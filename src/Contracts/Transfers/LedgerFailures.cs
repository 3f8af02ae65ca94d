namespace Sagas.Contracts;

/// <summary>Business failure reasons an activity reports back instead of retrying.</summary>
public static class LedgerFailures
{
    public const string InsufficientFunds = "InsufficientFunds";
    public const string AccountNotFound = "AccountNotFound";
}
