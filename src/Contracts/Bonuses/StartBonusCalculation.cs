namespace Sagas.Contracts;

/// <summary>
/// Credits <see cref="Amount"/> to every account holding at least <see cref="MinimumBalance"/>,
/// once per account and <see cref="Period"/> however often it runs. Without a Period a schedule
/// uses the month of its fire (yyyy-MM).
/// </summary>
public record StartBonusCalculation
{
    public Guid CalculationId { get; init; }
    public string? Period { get; init; }
    public decimal Amount { get; init; } = 10m;
    public decimal MinimumBalance { get; init; } = 100m;
}
