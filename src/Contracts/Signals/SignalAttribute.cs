namespace Sagas.Contracts;

/// <summary>
/// Marks a message that people (or other systems) may send to a running saga through
/// <c>POST /api/sagas/{id}/signals/{name}</c>. Only marked messages can be sent that way, so an
/// activity's outcome can never be forged over HTTP.
/// </summary>
/// <param name="name">The short name in the route, e.g. <c>approve</c>; the type name works too.</param>
/// <param name="idProperty">The property the saga correlates by; the route's id is written into it.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class SignalAttribute(string name, string idProperty) : Attribute
{
    public string Name { get; } = name;

    public string IdProperty { get; } = idProperty;
}
