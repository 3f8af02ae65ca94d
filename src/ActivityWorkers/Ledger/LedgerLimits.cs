namespace Sagas.ActivityWorkers.Ledger;

/// <summary>What the ledger's columns hold; a request beyond them is refused before it reaches the ledger.</summary>
public static class LedgerLimits
{
    public const int AccountIdLength = 64;
    public const int AmountPrecision = 18;
    public const int AmountScale = 2;

    /// <summary>The largest amount of precision 18 and scale 2.</summary>
    public const decimal MaxAmount = 9_999_999_999_999_999.99m;
}
