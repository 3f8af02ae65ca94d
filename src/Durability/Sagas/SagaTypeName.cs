namespace Sagas.Durability.Sagas;

/// <summary>The name people give a workflow, from its state class: <c>OrderState</c> is an <c>Order</c>. The API, CLI and metrics all say it this way.</summary>
public static class SagaTypeName
{
    public static string Of(Type state) =>
        state.Name.EndsWith("State", StringComparison.Ordinal) && state.Name.Length > "State".Length ? state.Name[..^"State".Length] : state.Name;
}
