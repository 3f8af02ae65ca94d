namespace Sagas.Contracts;

/// <summary>Credits the bonus of one period to every eligible account, with ledger reference <c>bonus:{account}:{period}</c>.</summary>
public record CreditBonuses(Guid CalculationId, string Period, decimal Amount, decimal MinimumBalance);

/// <param name="Eligible">Accounts the rule picked, including those paid before.</param>
/// <param name="Credited">Accounts paid by this run.</param>
/// <param name="AlreadyPaid">Eligible accounts an earlier run of the period had paid already.</param>
public record BonusesCredited(Guid CalculationId, string Period, int Eligible, int Credited, int AlreadyPaid, decimal TotalCredited);
