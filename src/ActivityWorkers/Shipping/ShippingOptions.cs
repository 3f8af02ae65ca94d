namespace Sagas.ActivityWorkers.Shipping;

/// <summary>Bound from <c>Sagas:Activities:CreateShipment</c>.</summary>
public sealed class ShippingOptions
{
    /// <summary>Skus the carrier refuses; an order holding one is rejected as unshippable. Tests and drills use it to make shipping fail.</summary>
    public List<string> UnshippableSkus { get; set; } = [];
}
