namespace Sagas.Contracts;

/// <summary>Starts collecting an account's billing data every hour, until stopped. Publishing it twice with one id starts one saga.</summary>
public record StartBillingCollection
{
    public Guid BillingCollectionId { get; init; }
    public string Account { get; init; } = "";
}

/// <summary>Stops the collection after the fetch running now, if any; the next run is not started.</summary>
[Signal("stop", nameof(BillingCollectionId))]
public record StopBillingCollection(Guid BillingCollectionId, string? Reason = null);

/// <summary>The durable timer of the next hourly run.</summary>
public record BillingRunDue(Guid BillingCollectionId);
