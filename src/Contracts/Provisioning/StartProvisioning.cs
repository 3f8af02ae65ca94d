namespace Sagas.Contracts;

/// <summary>
/// Provisions an environment on several providers at once, all or nothing. Publishing it twice with
/// one ProvisioningId starts one saga.
/// </summary>
public record StartProvisioning
{
    public Guid ProvisioningId { get; init; }
    public string Environment { get; init; } = "";

    /// <summary>Provider names, lower case, e.g. <c>aws</c>, <c>azure</c>, <c>gcp</c>, <c>dns</c>.</summary>
    public string[] Providers { get; init; } = [];
}
