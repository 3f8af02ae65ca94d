using System.Text.RegularExpressions;

namespace Sagas.ActivityWorkers.Inventory;

public static partial class InventorySkus
{
    public const int MaxLength = 64;

    /// <summary>Letters, digits, '-', '_' and '.', starting with a letter or digit: safe in a URL path and a log line.</summary>
    public static bool IsValid(string? sku) => sku is not null && Pattern().IsMatch(sku);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    private static partial Regex Pattern();
}
