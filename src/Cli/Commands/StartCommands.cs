using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;

namespace Sagas.Cli.Commands;

/// <summary><c>sagas start transfer|order|expense</c>: the workflows' own start endpoints; prints the new saga's id.</summary>
public static class StartCommands
{
    public static Command Create(CommandActions actions)
    {
        var command = new Command("start", "Start a workflow");
        command.Add(Transfer(actions));
        command.Add(Order(actions));
        command.Add(Expense(actions));
        return command;
    }

    static Command Transfer(CommandActions actions)
    {
        var command = new Command("transfer", "Move money between two ledger accounts");
        var from = new Option<string>("--from") { Description = "Account to withdraw from", Required = true };
        var to = new Option<string>("--to") { Description = "Account to deposit into", Required = true };
        var amount = new Option<decimal>("--amount") { Description = "A positive amount", Required = true };
        var id = IdOption();
        var key = KeyOption();
        command.Add(key);
        command.Add(from);
        command.Add(to);
        command.Add(amount);
        command.Add(id);
        actions.Set(command, (session, parse, cancellationToken) => StartAsync(session, parse.GetValue(key), "Transfer", "api/transfers", "transferId", new JsonObject
        {
            ["transferId"] = parse.GetValue(id)?.ToString(),
            ["fromAccount"] = parse.GetValue(from),
            ["toAccount"] = parse.GetValue(to),
            ["amount"] = parse.GetValue(amount),
        }, cancellationToken));
        return command;
    }

    static Command Order(CommandActions actions)
    {
        var command = new Command("order", "Place an order: reserve stock, charge, ship, confirm");
        var customer = new Option<string>("--customer") { Description = "The customer's ledger account", Required = true };
        var items = new Option<JsonObject[]>("--item")
        {
            Description = "A line as sku:quantity:price (repeatable), e.g. apple:2:1.5",
            HelpName = "sku:quantity:price",
            Required = true,
            AllowMultipleArgumentsPerToken = false,
            CustomParser = result =>
            {
                var lines = new List<JsonObject>();
                foreach (var token in result.Tokens)
                {
                    if (ParseLine(token.Value) is { } line)
                        lines.Add(line);
                    else
                        result.AddError($"--item '{token.Value}' is not sku:quantity:price (e.g. apple:2:1.5)");
                }

                return [.. lines];
            },
        };
        var id = IdOption();
        var key = KeyOption();
        command.Add(key);
        command.Add(customer);
        command.Add(items);
        command.Add(id);
        actions.Set(command, (session, parse, cancellationToken) => StartAsync(session, parse.GetValue(key), "Order", "api/orders", "orderId", new JsonObject
        {
            ["orderId"] = parse.GetValue(id)?.ToString(),
            ["customerId"] = parse.GetValue(customer),
            ["items"] = new JsonArray([.. parse.GetValue(items) ?? []]),
        }, cancellationToken));
        return command;
    }

    static Command Expense(CommandActions actions)
    {
        var command = new Command("expense", "Submit an expense for approval (decide with: sagas signal ID approve|reject)");
        var employee = new Option<string>("--employee") { Description = "Who spent it", Required = true };
        var amount = new Option<decimal>("--amount") { Description = "A positive amount", Required = true };
        var description = new Option<string>("--description") { Description = "What it was for", Required = true };
        var id = IdOption();
        var key = KeyOption();
        command.Add(key);
        command.Add(employee);
        command.Add(amount);
        command.Add(description);
        command.Add(id);
        actions.Set(command, (session, parse, cancellationToken) => StartAsync(session, parse.GetValue(key), "Expense", "api/expenses", "expenseId", new JsonObject
        {
            ["expenseId"] = parse.GetValue(id)?.ToString(),
            ["employee"] = parse.GetValue(employee),
            ["amount"] = parse.GetValue(amount),
            ["description"] = parse.GetValue(description),
        }, cancellationToken));
        return command;
    }

    static Option<Guid?> IdOption() => new("--id") { Description = "The new saga's id; starting one id twice starts one saga (default: a new GUID)" };

    static Option<string?> KeyOption() => new("--idempotency-key")
    {
        Description = "Run the command again with the same key and it answers with the saga the first run started (default: a new key, kept across this run's own retries)",
    };

    static async Task StartAsync(CliSession session, string? key, string type, string path, string idProperty, JsonObject request, CancellationToken cancellationToken)
    {
        var result = await session.Api.StartAsync(path, request, key ?? Guid.NewGuid().ToString(), cancellationToken);
        if (session.Json)
            session.WriteJson(result);
        else
            await session.Output.WriteLineAsync($"Started {type} {result?[idProperty]}");
    }

    static JsonObject? ParseLine(string text)
    {
        var parts = text.Split(':');
        if (parts.Length != 3 || parts[0].Length == 0
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var quantity)
            || !decimal.TryParse(parts[2], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var price))
            return null;
        return new JsonObject { ["sku"] = parts[0], ["quantity"] = quantity, ["price"] = price };
    }
}
