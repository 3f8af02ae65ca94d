using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Sagas.Orchestrator.Data;
using Sagas.Orchestrator.Workflows.Orders;
using Sagas.Orchestrator.Workflows.Transfers;
using Sagas.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Sagas.Tests.Operations.Visibility;

/// <summary>
/// <c>GET /api/sagas</c> over 10,000 instances of two workflows, written straight into their tables:
/// every page walked, filters checked against what was written, and bad filters refused.
/// </summary>
public class SagaListTests(ITestOutputHelper output)
{
    const int Transfers = 6_000;
    const int Orders = 4_000;
    static readonly DateTime Start = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    static readonly string[] TransferStates = ["Completed", "Failed", "Depositing"];
    static readonly string[] OrderStates = ["Completed", "Rejected", "Charging", "Cancelled"];

    [Fact]
    public Task Lists_filters_and_pages_ten_thousand_instances_on_sqlite() => TestStacks.OnEmbeddedAsync(s => RunAsync(s, "SQLite"));

    [Fact]
    public Task Lists_filters_and_pages_ten_thousand_instances_on_postgres() => TestStacks.OnRealStackAsync(s => RunAsync(s, "PostgreSQL"));

    async Task RunAsync(Dictionary<string, string?> settings, string database)
    {
        await using var api = await ApiHost.StartAsync(settings);
        var seeded = await SeedAsync(api.Services);

        // Every page, newest first: each instance exactly once, although many share a creation time across tables.
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var walked = await WalkAsync(api.Http, "/api/sagas?limit=500");
        output.WriteLine($"{database}: 10,000 instances walked in 20 pages of 500 in {clock.ElapsedMilliseconds} ms");
        Assert.Equal(Transfers + Orders, walked.Count);
        Assert.Equal(seeded.Keys.Order(), walked.Select(x => x.Id).Order());
        Assert.True(walked.Zip(walked.Skip(1)).All(p => p.First.CreatedAt >= p.Second.CreatedAt), "pages are not newest first");

        // A page boundary inside a run of equal creation times loses nothing either.
        var small = await WalkAsync(api.Http, "/api/sagas?limit=7&since=2026-01-01T00:10:00Z&until=2026-01-01T00:20:00Z");
        var window = seeded.Values.Where(s => s.CreatedAt >= Start.AddMinutes(10) && s.CreatedAt < Start.AddMinutes(20)).ToList();
        Assert.Equal(window.Select(s => s.Id).Order(), small.Select(x => x.Id).Order());

        var completedOrders = await WalkAsync(api.Http, "/api/sagas?type=order&state=Completed&limit=500");
        Assert.Equal(seeded.Values.Count(s => s.Type == "Order" && s.State == "Completed"), completedOrders.Count);
        Assert.All(completedOrders, x => Assert.Equal(("Order", "Completed"), (x.Type, x.State)));

        clock.Restart();
        var customer = await WalkAsync(api.Http, "/api/sagas?attr.customerId=customer-7");
        output.WriteLine($"{database}: attr.customerId over both types, {customer.Count} rows in pages of 50, in {clock.ElapsedMilliseconds} ms");
        Assert.Equal(seeded.Values.Where(s => s.Attribute == "customer-7").Select(s => s.Id).Order(), customer.Select(x => x.Id).Order());
        Assert.NotEmpty(customer);

        var fromAlice = await WalkAsync(api.Http, "/api/sagas?type=Transfer&state=Failed&attr.fromAccount=account-3&since=2026-01-01T01:00:00Z");
        Assert.Equal(
            seeded.Values.Where(s => s.Type == "Transfer" && s.State == "Failed" && s.Attribute == "account-3" && s.CreatedAt >= Start.AddHours(1)).Select(s => s.Id).Order(),
            fromAlice.Select(x => x.Id).Order());

        await AssertInvalidAsync(api.Http, "/api/sagas?type=Nope", "unknown type 'Nope'");
        await AssertInvalidAsync(api.Http, "/api/sagas?type=Order&state=Flying", "Order has no state 'Flying'");
        await AssertInvalidAsync(api.Http, "/api/sagas?attr.shoeSize=4", "no workflow has the search attribute 'shoeSize'");
        await AssertInvalidAsync(api.Http, "/api/sagas?state=Completd", "no workflow has a state 'Completd'");
        await AssertInvalidAsync(api.Http, "/api/sagas?since=yesterday", "since must be an ISO 8601 time");
        await AssertInvalidAsync(api.Http, "/api/sagas?since=2026-02-01T00:00:00Z&until=2026-01-01T00:00:00Z", "since must be before until");
        await AssertInvalidAsync(api.Http, "/api/sagas?limit=0", "limit must be between 1 and 500");
        await AssertInvalidAsync(api.Http, "/api/sagas?page=not-a-cursor", "page is not a cursor");
        await AssertInvalidAsync(api.Http, "/api/sagas?sate=Completed", "unknown parameter 'sate'");
        // A value that looks like SQL is only a value: it matches nothing and breaks nothing.
        var injected = await api.Http.GetFromJsonAsync<Page>("/api/sagas?attr.customerId=' OR 1=1 --", JsonSerializerOptions.Web);
        Assert.Empty(injected!.Items);
    }

    record Seeded(Guid Id, string Type, string State, DateTime CreatedAt, string Attribute);

    record Item(Guid Id, string Type, string State, DateTime CreatedAt);

    record Page(List<Item> Items, string? NextPage);

    static async Task<Dictionary<Guid, Seeded>> SeedAsync(IServiceProvider services)
    {
        var seeded = new Dictionary<Guid, Seeded>();
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SagasDbContext>();
        for (var i = 0; i < Transfers + Orders; i++)
        {
            // Three instances per second, of both types, so creation times tie across tables.
            var createdAt = Start.AddSeconds(i / 3);
            var id = NewId.NextGuid();
            if (i % 5 < 3)
            {
                var state = TransferStates[i % TransferStates.Length];
                var saga = new TransferState { CorrelationId = id, CurrentState = state, CreatedAt = createdAt, UpdatedAt = createdAt, FromAccount = $"account-{i % 11}", ToAccount = "bank", Amount = 1 };
                db.Add(saga);
                seeded[id] = new Seeded(id, "Transfer", state, createdAt, saga.FromAccount);
            }
            else
            {
                var state = OrderStates[i % OrderStates.Length];
                var saga = new OrderState { CorrelationId = id, CurrentState = state, CreatedAt = createdAt, UpdatedAt = createdAt, CustomerId = $"customer-{i % 13}" };
                db.Add(saga);
                seeded[id] = new Seeded(id, "Order", state, createdAt, saga.CustomerId);
            }

            if (i % 1000 == 999)
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }

        Assert.Equal(Transfers, seeded.Values.Count(s => s.Type == "Transfer"));
        return seeded;
    }

    static async Task<List<Item>> WalkAsync(HttpClient http, string url)
    {
        var items = new List<Item>();
        string? page = null;
        do
        {
            var response = await http.GetAsync(page is null ? url : $"{url}&page={page}");
            Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
            var body = (await response.Content.ReadFromJsonAsync<Page>(JsonSerializerOptions.Web))!;
            items.AddRange(body.Items);
            page = body.NextPage;
            Assert.True(items.Count <= Transfers + Orders, "paging does not end");
        }
        while (page is not null);

        return items;
    }

    static async Task AssertInvalidAsync(HttpClient http, string url, string reason)
    {
        var response = await http.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }
}
