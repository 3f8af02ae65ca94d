using MassTransit;

namespace Sagas.Durability.Sagas;

/// <summary>
/// Headers on a child saga's start message naming its parent, so no start contract has to carry
/// them; a saga's undo requests carry them too, naming who asks.
/// </summary>
public static class ParentHeaders
{
    public const string ParentId = "Sagas-Parent-Id";
    public const string ParentAddress = "Sagas-Parent-Address";

    /// <summary>Names <paramref name="parentId"/>, reached at <paramref name="parentAddress"/>, as the parent of the saga this message starts.</summary>
    public static void Stamp(SendContext context, Guid parentId, Uri parentAddress)
    {
        context.Headers.Set(ParentId, parentId.ToString());
        context.Headers.Set(ParentAddress, parentAddress.ToString());
    }

    public static (Guid Id, Uri Address)? Of(ConsumeContext context) =>
        Guid.TryParse(context.Headers.Get<string>(ParentId), out var id) && context.Headers.Get<string>(ParentAddress) is { } address
            ? (id, new Uri(address))
            : null;
}
