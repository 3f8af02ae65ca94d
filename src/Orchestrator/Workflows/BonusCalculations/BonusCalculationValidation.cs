using Sagas.Contracts;

namespace Sagas.Orchestrator.Workflows.BonusCalculations;

/// <summary>One set of rules for a bonus run, whether a schedule or the bus asked for it.</summary>
public static class BonusCalculationValidation
{
    /// <summary>The period becomes part of ledger reference ids (at most 100 characters, accounts up to 64).</summary>
    public const int MaxPeriodLength = 24;

    public static string? Problem(StartBonusCalculation request)
    {
        if (request.Period is { } period && (period.Length is 0 or > MaxPeriodLength || period.Contains(':', StringComparison.Ordinal)))
            return $"period must be 1-{MaxPeriodLength} characters without ':'";
        if (request.Amount <= 0)
            return "amount must be greater than zero";
        if (request.MinimumBalance < 0)
            return "minimumBalance cannot be negative";
        return null;
    }
}
