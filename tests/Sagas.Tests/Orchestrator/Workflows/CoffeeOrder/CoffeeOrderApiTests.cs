using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Orchestrator.Workflows.CoffeeOrder;

/// <summary>The coffee order on the embedded default, over HTTP, with its real activities: the README's curls.</summary>
public sealed class CoffeeOrderApiTests : IAsyncLifetime
{
    readonly string _file = Path.Combine(Path.GetTempPath(), $"sagas-{Guid.NewGuid():N}.db");
    ApiHost _api = null!;

    [Fact]
    public async Task A_flat_white_ordered_over_http_is_paid_brewed_and_its_ingredients_leave_the_stock()
    {
        await PostAsync("/api/accounts", new { accountId = "ada", balance = 10 }, HttpStatusCode.Created);
        await PutAsync("/api/inventory/coffee-beans", new { quantity = 10 });
        await PutAsync("/api/inventory/milk", new { quantity = 10 });

        var started = await PostAsync("/api/coffee-orders", new { customerId = "ada", beverage = "flat-white" }, HttpStatusCode.Accepted);
        var id = started.GetProperty("coffeeOrderId").GetGuid();

        JsonElement order = default;
        await Eventually.TrueAsync(async () => await OrderAsync(id) is { } found && (order = found).GetProperty("order").GetProperty("status").GetString() == "Completed",
            "the coffee order to complete");
        var history = order.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("event").GetString()).ToList();
        Assert.Contains("StepHeartbeat", history);
        Assert.Equal(6.80m, (await _api.Http.GetFromJsonAsync<JsonElement>("/api/accounts/ada")).GetProperty("balance").GetDecimal());
        Assert.Equal(2, (await _api.Http.GetFromJsonAsync<JsonElement>("/api/inventory/coffee-beans")).GetProperty("reserved").GetInt32());
    }

    /// <summary>
    /// The barista runs outside the inbox/outbox transaction: on SQLite, inside it, it would hold the one
    /// writer for its whole run, and its heartbeats (and every other saga) would wait until it ended.
    /// </summary>
    [Fact]
    public async Task The_barista_heartbeats_reach_the_order_while_the_beverage_is_being_prepared()
    {
        await PostAsync("/api/accounts", new { accountId = "ada", balance = 10 }, HttpStatusCode.Created);
        await PutAsync("/api/inventory/coffee-beans", new { quantity = 10 });
        await PutAsync("/api/inventory/milk", new { quantity = 10 });
        var id = (await PostAsync("/api/coffee-orders", new { customerId = "ada", beverage = "latte" }, HttpStatusCode.Accepted)).GetProperty("coffeeOrderId").GetGuid();

        JsonElement order = default;
        await Eventually.TrueAsync(async () => await OrderAsync(id) is { } found && (order = found).GetProperty("order").GetProperty("status").GetString() == "Completed",
            "the coffee order to complete");
        var beats = order.GetProperty("history").EnumerateArray().Where(h => h.GetProperty("event").GetString() == "StepHeartbeat")
            .Select(h => h.GetProperty("occurredAt").GetDateTime()).ToList();

        // Five stages of 200 ms: the beats are recorded as they come, not all at once when the last one is done.
        Assert.Equal(5, beats.Count);
        Assert.True(beats[^1] - beats[0] >= TimeSpan.FromMilliseconds(600), $"the heartbeats were recorded within {(beats[^1] - beats[0]).TotalMilliseconds} ms");
    }

    [Fact]
    public async Task A_beverage_not_on_the_menu_is_refused_with_the_menu()
    {
        using var refused = await _api.Http.PostAsJsonAsync("/api/coffee-orders", new { customerId = "ada", beverage = "tea" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("beverage must be one of espresso, latte, flat-white", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>The order and its history; null until the saga has stored it.</summary>
    async Task<JsonElement?> OrderAsync(Guid id)
    {
        using var response = await _api.Http.GetAsync($"/api/coffee-orders/{id}");
        return response.StatusCode == HttpStatusCode.NotFound ? null : await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    async Task<JsonElement> PostAsync(string path, object body, HttpStatusCode expected)
    {
        using var response = await _api.Http.PostAsJsonAsync(path, body);
        Assert.True(response.StatusCode == expected, $"{path}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    async Task PutAsync(string path, object body)
    {
        using var response = await _api.Http.PutAsJsonAsync(path, body);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    public async Task InitializeAsync() => _api = await ApiHost.StartAsync(OrchestratorHost.Embedded(_file));

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(_file) + "*"))
            File.Delete(file);
    }
}
