namespace Sagas.Contracts;

// The inventory belongs to the activity workers: the orchestrator's /api/inventory asks them.

/// <summary>
/// Sets a sku's units on hand, adding the sku if new; never below the units held for orders.
/// Answered with <see cref="StockLevel"/> or <see cref="StockNotSet"/>.
/// </summary>
public record SetStock(string Sku, int Quantity);

public record StockLevel(string Sku, int Quantity, int Reserved);

public record StockNotSet(string Sku, string Reason);

/// <summary>Asks a sku's stock; answered with <see cref="StockLevel"/> or <see cref="StockNotFound"/>.</summary>
public record GetStock(string Sku);

public record StockNotFound(string Sku);
