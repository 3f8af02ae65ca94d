namespace Sagas.Contracts;

/// <summary>
/// Fetches an hour of the account's billing data, page by page from <paramref name="ResumeFrom"/>
/// pages done, heartbeating after each page: a fetch sent again carries on where the last one got to.
/// </summary>
public record FetchBillingData(Guid BillingCollectionId, string Account, DateTime PeriodStart, long ResumeFrom);

public record BillingDataFetched(Guid BillingCollectionId, DateTime PeriodStart, int Records, decimal Amount);
