using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Sagas.Orchestrator.Workflows.Batches;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Orchestrator.Workflows.Batches;

/// <summary><c>/api/batches</c> over real HTTP: what is refused before anything starts, and what a started batch shows.</summary>
public sealed class BatchApiTests : IAsyncLifetime
{
    readonly string _file = Path.Combine(Path.GetTempPath(), $"sagas-{Guid.NewGuid():N}.db");
    ApiHost _api = null!;

    HttpClient Http => _api.Http;

    [Theory]
    [InlineData("""{"orders":[]}""", "orders must not be empty")]
    [InlineData("""{}""", "orders must not be empty")]
    [InlineData("""{"orders":[{"orderId":"6f1c2d1e-0000-4000-8000-000000000001","customerId":"c","items":[]},{"orderId":"6f1c2d1e-0000-4000-8000-000000000001","customerId":"c","items":[]}]}""",
        "order 6f1c2d1e-0000-4000-8000-000000000001 appears more than once")]
    [InlineData("""{"orders":[{"customerId":"c","items":[]}]}""", "every order needs an orderId")]
    [InlineData("""{"orders":[{"orderId":"6f1c2d1e-0000-4000-8000-000000000002","customerId":"c","items":[]}],"maxConcurrency":0}""",
        "maxConcurrency must be between 1 and 1000")]
    [InlineData("""{"orders":[{"orderId":"6f1c2d1e-0000-4000-8000-000000000003","customerId":"c","items":[]}],"maxConcurrency":1001}""",
        "maxConcurrency must be between 1 and 1000")]
    public async Task A_batch_that_breaks_a_rule_is_a_400_with_the_reason(string body, string reason)
    {
        using var response = await PostAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(reason, problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task A_started_batch_is_202_with_its_location_shows_its_counts_and_items_and_its_orders_cannot_join_another()
    {
        var batch = BatchTests.Batch(count: 5, maxConcurrency: 2);
        using var response = await Http.PostAsJsonAsync("/api/batches", new { batch.BatchId, batch.Orders, batch.MaxConcurrency });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal($"/api/batches/{batch.BatchId}", response.Headers.Location?.ToString());

        // The order activities are not hosted here, so the first two orders keep running and the rest wait.
        var view = (await Eventually.MatchAsync(() => ViewAsync(batch.BatchId),
            v => v?.GetProperty("started").GetInt32() == 2, "the batch to start its first orders")).GetValueOrDefault();
        Assert.Equal(("Processing", 5, 2, 2, 0, 0), (view.GetProperty("state").GetString(), view.GetProperty("total").GetInt32(),
            view.GetProperty("maxConcurrency").GetInt32(), view.GetProperty("running").GetInt32(), view.GetProperty("succeeded").GetInt32(),
            view.GetProperty("failed").GetInt32()));
        Assert.Equal(JsonValueKind.Null, view.GetProperty("completedAt").ValueKind);

        var waiting = await Http.GetFromJsonAsync<JsonElement[]>($"/api/batches/{batch.BatchId}/items?status=Pending&limit=2");
        Assert.Equal([2, 3], waiting!.Select(i => i.GetProperty("position").GetInt32()));
        var rest = await Http.GetFromJsonAsync<JsonElement[]>($"/api/batches/{batch.BatchId}/items?after=3");
        Assert.Equal([batch.Orders[4].OrderId], rest!.Select(i => i.GetProperty("orderId").GetGuid()));

        var other = BatchTests.Batch(count: 1, maxConcurrency: null);
        using var conflict = await Http.PostAsJsonAsync("/api/batches", new { Orders = new[] { other.Orders[0], batch.Orders[3] } });
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Contains($"already belongs to batch {batch.BatchId}", await conflict.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_batch_is_404()
    {
        using var response = await Http.GetAsync($"/api/batches/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var items = await Http.GetAsync($"/api/batches/{Guid.NewGuid()}/items");
        Assert.Equal(HttpStatusCode.NotFound, items.StatusCode);
    }

    /// <summary>The batch's view; null until its saga exists.</summary>
    async Task<JsonElement?> ViewAsync(Guid id)
    {
        using var response = await Http.GetAsync($"/api/batches/{id}");
        return response.StatusCode == HttpStatusCode.NotFound ? null : await response.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>();
    }

    Task<HttpResponseMessage> PostAsync(string json) =>
        Http.PostAsync("/api/batches", new StringContent(json, Encoding.UTF8, "application/json"));

    public async Task InitializeAsync()
    {
        var settings = OrchestratorHost.Embedded(_file);
        settings["Sagas:HostActivities"] = "false";
        _api = await ApiHost.StartAsync(settings);
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(_file) + "*"))
            File.Delete(file);
    }
}
