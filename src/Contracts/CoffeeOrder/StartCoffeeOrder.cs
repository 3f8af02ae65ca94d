namespace Sagas.Contracts;

/// <summary>Orders a beverage from the menu, paid from the customer's account. Publishing it twice with one CoffeeOrderId starts one saga.</summary>
public record StartCoffeeOrder
{
    public Guid CoffeeOrderId { get; init; }
    public string CustomerId { get; init; } = "";
    public string Beverage { get; init; } = "";
}
