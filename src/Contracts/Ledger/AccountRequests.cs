namespace Sagas.Contracts;

// The ledger belongs to the activity workers: the orchestrator's /api/accounts asks them.

/// <summary>Opens an account with its first balance; answered with <see cref="AccountOpened"/> or <see cref="AccountNotOpened"/>.</summary>
public record OpenAccount(string AccountId, decimal Balance);

public record AccountOpened(string AccountId, decimal Balance);

/// <param name="AlreadyExists">True when the account is there already; otherwise the request broke a rule.</param>
public record AccountNotOpened(string AccountId, string Reason, bool AlreadyExists);

/// <summary>Asks an account's balance; answered with <see cref="AccountBalance"/> or <see cref="AccountNotFound"/>.</summary>
public record GetAccount(string AccountId);

public record AccountBalance(string AccountId, decimal Balance);

public record AccountNotFound(string AccountId);
