namespace Sagas.Contracts;

// A coffee order also runs the shop's payment and inventory activities: ChargePayment and
// RefundPayment, ReserveInventory and ReleaseInventory (see OrderActivities), keyed by its id.

/// <summary>Prepares the beverage stage by stage, from <paramref name="ResumeFrom"/> stages done; heartbeats after each.</summary>
public record PrepareBeverage(Guid CoffeeOrderId, string Beverage, long ResumeFrom);

public record BeveragePrepared(Guid CoffeeOrderId);

/// <summary>The preparation failed for good (a spilt cup is made again by the activity; a broken machine is not).</summary>
public record BeverageSpoiled(Guid CoffeeOrderId, string Reason);

public record NotifyCustomer(Guid CoffeeOrderId, string CustomerId, string Beverage);

public record CustomerNotified(Guid CoffeeOrderId);
