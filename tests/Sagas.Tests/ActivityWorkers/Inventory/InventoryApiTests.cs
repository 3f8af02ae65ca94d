using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MassTransit;
using Sagas.Contracts;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.ActivityWorkers.Inventory;

/// <summary><c>PUT/GET /api/inventory/{sku}</c> over real HTTP, and the reserve seeing what it set.</summary>
public sealed class InventoryApiTests : IAsyncLifetime
{
    readonly string _file = Path.Combine(Path.GetTempPath(), $"sagas-{Guid.NewGuid():N}.db");
    ApiHost _api = null!;

    HttpClient Http => _api.Http;

    [Fact]
    public async Task Put_sets_the_quantity_on_hand_and_get_shows_it_with_what_is_reserved()
    {
        using (var created = await PutAsync("apple-1", """{"quantity":10}"""))
            Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal((10, 0), await GetAsync("apple-1"));

        var orderId = Guid.NewGuid();
        var client = _api.Bus.CreateRequestClient<ReserveInventory>();
        var reserved = await client.GetResponse<InventoryReserved, InventoryRejected>(
            new ReserveInventory(orderId, [new OrderLine { Sku = "apple-1", Quantity = 4, Price = 1m }]));
        Assert.IsType<InventoryReserved>(reserved.Message);
        Assert.Equal((10, 4), await GetAsync("apple-1"));

        using (var lowered = await PutAsync("apple-1", """{"quantity":4}"""))
            Assert.Equal(HttpStatusCode.OK, lowered.StatusCode);
        Assert.Equal((4, 4), await GetAsync("apple-1"));

        using (var belowReserved = await PutAsync("apple-1", """{"quantity":3}"""))
        {
            Assert.Equal(HttpStatusCode.BadRequest, belowReserved.StatusCode);
            Assert.Contains("4 units of apple-1 are reserved", await belowReserved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal((4, 4), await GetAsync("apple-1"));
    }

    [Theory]
    [InlineData("apple", """{"quantity":-1}""", "cannot be negative")]
    [InlineData("apple", """{}""", "quantity is required")]
    [InlineData("apple", """{"quantity":null}""", "quantity is required")]
    [InlineData("-apple", """{"quantity":1}""", "sku must be")]
    [InlineData("app%20le", """{"quantity":1}""", "sku must be")]
    public async Task Put_refuses_a_bad_quantity_or_sku_with_its_reason(string sku, string body, string reason)
    {
        using var response = await PutAsync(sku, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var get = await Http.GetAsync($"/api/inventory/{sku}");
        Assert.NotEqual(HttpStatusCode.OK, get.StatusCode);
    }

    [Fact]
    public async Task Put_refuses_a_sku_longer_than_64_characters_and_get_answers_404_for_an_unknown_sku()
    {
        using (var tooLong = await PutAsync(new string('a', 65), """{"quantity":1}"""))
            Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);

        using var unknown = await Http.GetAsync("/api/inventory/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    Task<HttpResponseMessage> PutAsync(string sku, string body) =>
        Http.PutAsync($"/api/inventory/{sku}", new StringContent(body, Encoding.UTF8, "application/json"));

    async Task<(int Quantity, int Reserved)> GetAsync(string sku)
    {
        var view = await Http.GetFromJsonAsync<JsonElement>($"/api/inventory/{sku}");
        Assert.Equal(sku, view.GetProperty("sku").GetString());
        return (view.GetProperty("quantity").GetInt32(), view.GetProperty("reserved").GetInt32());
    }

    public async Task InitializeAsync() => _api = await ApiHost.StartAsync(OrchestratorHost.Embedded(_file));

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        foreach (var path in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(_file) + "*"))
            File.Delete(path);
    }
}
