namespace Sagas.Contracts;

/// <summary>What the coffee shop makes: each beverage's price, its preparation stages, and the ingredients it takes from the inventory.</summary>
public static class CoffeeMenu
{
    public const string Beans = "coffee-beans";
    public const string Milk = "milk";

    public static readonly IReadOnlyDictionary<string, Beverage> Beverages = new Dictionary<string, Beverage>(StringComparer.Ordinal)
    {
        ["espresso"] = new(2.20m, ["grind", "tamp", "extract"], [Ingredient(Beans, 1)]),
        ["latte"] = new(3.40m, ["grind", "tamp", "extract", "steam milk", "pour"], [Ingredient(Beans, 1), Ingredient(Milk, 2)]),
        ["flat-white"] = new(3.20m, ["grind", "tamp", "extract", "steam milk", "pour"], [Ingredient(Beans, 2), Ingredient(Milk, 1)]),
    };

    static OrderLine Ingredient(string sku, int quantity) => new() { Sku = sku, Quantity = quantity };
}

public record Beverage(decimal Price, IReadOnlyList<string> Stages, IReadOnlyList<OrderLine> Ingredients);
