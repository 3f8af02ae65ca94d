using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Sagas.ActivityWorkers.Inventory;
using Sagas.ActivityWorkers.Ledger;
using Sagas.Contracts;
using Sagas.Orchestrator.Workflows.Orders;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Orchestrator.Workflows.Orders;

/// <summary>Orders end to end on the embedded default: HTTP in, real activities, stock and money checked in their tables.</summary>
public sealed class OrderApiTests : IAsyncLifetime
{
    readonly string _file = Path.Combine(Path.GetTempPath(), $"sagas-{Guid.NewGuid():N}.db");
    ApiHost _api = null!;

    HttpClient Http => _api.Http;

    public async Task InitializeAsync()
    {
        var settings = OrchestratorHost.Embedded(_file);
        settings["Sagas:Activities:CreateShipment:UnshippableSkus:0"] = "piano";
        // Refunds fail twice before they work; redelivery comes back quickly so the test does not wait long.
        settings["Sagas:Activities:RefundPayment:Faults:FailFirst"] = "2";
        settings["Sagas:Activities:RefundPayment:Retry:Immediate"] = "0";
        settings["Sagas:Activities:RefundPayment:Retry:InitialInterval"] = "00:00:00.500";
        _api = await ApiHost.StartAsync(settings);
        await PutStockAsync("mug", 10);
        await PutStockAsync("tea", 5);
        await PutStockAsync("piano", 1);
        await OpenAccountAsync("rich", 1000m);
        await OpenAccountAsync("poor", 5m);
    }

    [Fact]
    public async Task An_order_over_http_completes_and_its_status_is_the_same_by_query_and_by_api()
    {
        var id = await PlaceAsync("rich", ("mug", 2, 12.5m), ("tea", 1, 10m));

        var saga = await _api.Services.WaitForStateAsync<OrderState>(id, "Completed");
        Assert.Equal(35m, saga.Total);
        Assert.StartsWith("SHP-", saga.ShipmentId, StringComparison.Ordinal);
        Assert.Equal((8, 0), await StockAsync("mug"));
        Assert.Equal((4, 0), await StockAsync("tea"));
        Assert.Equal(965m, await BalanceAsync("rich"));
        Assert.Equal(35m, await BalanceAsync("merchant"));

        var view = await Http.GetFromJsonAsync<JsonElement>($"/api/orders/{id}");
        Assert.Equal("Completed", view.GetProperty("order").GetProperty("status").GetString());
        Assert.Equal(35m, view.GetProperty("order").GetProperty("charged").GetDecimal());
        Assert.Equal(["Reserving", "Charging", "Shipping", "Confirming", "Completed"], Transitions(view));

        var client = _api.Bus.CreateRequestClient<GetOrderStatus>();
        var answer = await client.GetResponse<OrderStatus, OrderNotFound>(new GetOrderStatus(id));
        var status = Assert.IsType<OrderStatus>(answer.Message);
        Assert.Equal(("Completed", 35m, 35m, 0m, saga.ShipmentId), (status.Status, status.Total, status.Charged, status.Refunded, status.ShipmentId));
        var unknown = await client.GetResponse<OrderStatus, OrderNotFound>(new GetOrderStatus(Guid.NewGuid()));
        Assert.IsType<OrderNotFound>(unknown.Message);
    }

    [Fact]
    public async Task Out_of_stock_rejects_the_order_and_moves_nothing()
    {
        var id = await PlaceAsync("rich", ("mug", 1, 1m), ("tea", 50, 1m));

        var saga = await _api.Services.WaitForStateAsync<OrderState>(id, "Rejected");
        Assert.Equal(OrderFailures.OutOfStock, saga.FailureReason);
        Assert.Equal((10, 0), await StockAsync("mug"));
        Assert.Equal(1000m, await BalanceAsync("rich"));
    }

    [Fact]
    public async Task A_declined_payment_gives_the_stock_back()
    {
        var id = await PlaceAsync("poor", ("mug", 3, 12.5m));

        var saga = await _api.Services.WaitForStateAsync<OrderState>(id, "PaymentFailed");
        Assert.Equal(LedgerFailures.InsufficientFunds, saga.FailureReason);
        Assert.Equal((10, 0), await StockAsync("mug"));
        Assert.Equal(5m, await BalanceAsync("poor"));
    }

    [Fact]
    public async Task A_failed_shipment_is_undone_newest_first_even_though_the_refund_fails_twice()
    {
        var id = await PlaceAsync("rich", ("piano", 1, 400m), ("mug", 1, 12.5m));

        var saga = await _api.Services.WaitForStateAsync<OrderState>(id, "ShipmentFailed", TimeSpan.FromSeconds(60));
        Assert.Equal(OrderFailures.Unshippable, saga.FailureReason);
        Assert.Equal(1000m, await BalanceAsync("rich"));
        Assert.Equal(0m, await BalanceAsync("merchant"));
        Assert.Equal((1, 0), await StockAsync("piano"));
        Assert.Equal((10, 0), await StockAsync("mug"));

        // Exactly one refund, whatever the failed attempts did before it.
        var entries = await _api.Services.WorkerRowsAsync<LedgerEntry>();
        Assert.Single(entries, e => e.AccountId == "rich" && e.Amount > 0);

        var history = await _api.Services.HistoryAsync(id);
        var undos = history.Where(h => h.FromState == "Compensating" || h.ToState == "Compensating").Select(h => h.EventName).ToList();
        Assert.Equal("ShipmentRejected", undos[0]);
        var answers = history.Where(h => h.EventName == "CompensationCompleted").ToList();
        Assert.Equal(2, answers.Count);
        // The refund answered only after its two failed attempts were each redelivered at least 0.5 s later
        // (without the faults it answers within a few tens of milliseconds).
        var refundTook = answers[0].OccurredAt - history.Single(h => h.EventName == "ShipmentRejected").OccurredAt;
        Assert.True(refundTook >= TimeSpan.FromSeconds(0.95), $"the refund answered after {refundTook}, too soon to have failed twice");
        var view = await Http.GetFromJsonAsync<JsonElement>($"/api/orders/{id}");
        Assert.Equal(412.5m, view.GetProperty("order").GetProperty("refunded").GetDecimal());
    }

    [Fact]
    public async Task A_cancel_after_shipping_is_refused_with_the_reason_and_unknown_orders_are_404()
    {
        var id = await PlaceAsync("rich", ("tea", 1, 10m));
        await _api.Services.WaitForStateAsync<OrderState>(id, "Completed");

        using var refused = await Http.PostAsJsonAsync($"/api/orders/{id}/cancel", new { reason = "too late" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("the order has shipped", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var unknown = await Http.PostAsJsonAsync($"/api/orders/{Guid.NewGuid()}/cancel", new { reason = "?" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var missing = await Http.GetAsync($"/api/orders/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory]
    [InlineData("""{"customerId":"rich","items":[]}""", "items must list at least one line")]
    [InlineData("""{"items":[{"sku":"mug","quantity":1,"price":1}]}""", "customerId is required")]
    [InlineData("""{"customerId":"rich","items":[{"sku":"mug","quantity":-1,"price":1}]}""", "items[0].quantity must be greater than zero")]
    [InlineData("""{"customerId":"rich","items":[{"sku":"mug","quantity":1,"price":1},{"sku":"mug","quantity":1,"price":1}]}""", "sku mug appears on more than one line")]
    public async Task An_invalid_order_is_refused_with_its_reason_and_starts_nothing(string body, string reason)
    {
        using var response = await Http.PostAsync("/api/orders", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await Task.Delay(500);
        Assert.Equal((10, 0), await StockAsync("mug"));
    }

    async Task<Guid> PlaceAsync(string customer, params (string Sku, int Quantity, decimal Price)[] lines)
    {
        var id = Guid.NewGuid();
        using var response = await Http.PostAsJsonAsync("/api/orders", new
        {
            orderId = id,
            customerId = customer,
            items = lines.Select(l => new { sku = l.Sku, quantity = l.Quantity, price = l.Price }),
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return id;
    }

    async Task PutStockAsync(string sku, int quantity)
    {
        using var response = await Http.PutAsJsonAsync($"/api/inventory/{sku}", new { quantity });
        response.EnsureSuccessStatusCode();
    }

    async Task OpenAccountAsync(string account, decimal balance)
    {
        using var response = await Http.PostAsJsonAsync("/api/accounts", new { accountId = account, balance });
        response.EnsureSuccessStatusCode();
    }

    async Task<(int Quantity, int Reserved)> StockAsync(string sku)
    {
        var item = (await _api.Services.WorkerRowsAsync<InventoryItem>()).Single(x => x.Sku == sku);
        return (item.Quantity, item.Reserved);
    }

    async Task<decimal> BalanceAsync(string account) =>
        (await _api.Services.WorkerRowsAsync<Account>()).SingleOrDefault(x => x.Id == account)?.Balance ?? 0m;

    static string[] Transitions(JsonElement view) =>
        view.GetProperty("history").EnumerateArray()
            .Where(h => h.GetProperty("fromState").GetString() != h.GetProperty("toState").GetString())
            .Select(h => h.GetProperty("toState").GetString()!).ToArray();

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var path in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(_file) + "*"))
            File.Delete(path);
    }
}
