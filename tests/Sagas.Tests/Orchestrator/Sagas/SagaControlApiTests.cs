using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Sagas.Contracts;
using Sagas.Orchestrator.Workflows.ExpenseApprovals;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Orchestrator.Sagas;

/// <summary>One saga's detail, and the operator's controls on one saga or on every saga a filter matches, over real HTTP.</summary>
public sealed class SagaControlApiTests : IAsyncLifetime
{
    readonly string _file = Path.Combine(Path.GetTempPath(), $"sagas-{Guid.NewGuid():N}.db");
    ApiHost _api = null!;

    HttpClient Http => _api.Http;

    public async Task InitializeAsync() => _api = await ApiHost.StartAsync(OrchestratorHost.Embedded(_file));

    [Fact]
    public async Task The_detail_shows_fields_timeline_signals_and_the_tree_of_a_parent_and_its_children()
    {
        var id = NewId.NextGuid();
        await _api.Bus.Publish(new StartFulfilment { FulfilmentId = id, CustomerId = "nobody", Items = [new OrderLine { Sku = "lamp", Quantity = 1, Price = 5m }] });

        var parent = (await Eventually.MatchAsync(() => DetailAsync(id), d => d is { } x && x.GetProperty("terminal").GetBoolean(), "the fulfilment to end"))!.Value;
        Assert.Equal("Fulfilment", parent.GetProperty("type").GetString());
        Assert.Equal("nobody", parent.GetProperty("fields").GetProperty("customerId").GetString());
        var children = parent.GetProperty("children").EnumerateArray().Select(c => c.GetProperty("type").GetString()).Order().ToList();
        Assert.Equal(["Payment", "Reservation"], children);
        Assert.Equal("StartFulfilment", parent.GetProperty("history")[0].GetProperty("event").GetString());

        var childId = parent.GetProperty("children")[0].GetProperty("id").GetGuid();
        var child = (await DetailAsync(childId))!.Value;
        Assert.Equal(id, child.GetProperty("parent").GetProperty("id").GetGuid());
        Assert.Equal("Fulfilment", child.GetProperty("parent").GetProperty("type").GetString());

        using var missing = await Http.GetAsync($"/api/sagas/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Each_workflow_graph_is_drawn_from_its_definition_with_where_its_compensation_ends()
    {
        var workflows = await Http.GetFromJsonAsync<JsonElement>("/api/workflows");
        var order = workflows.EnumerateArray().Single(w => w.GetProperty("type").GetString() == "Order");
        var edges = order.GetProperty("graph").GetProperty("transitions").EnumerateArray()
            .Select(t => (t.GetProperty("from").GetString(), t.GetProperty("event").GetString(), t.GetProperty("to").GetString())).ToList();

        Assert.Contains(("Reserving", "InventoryReserved", "Charging"), edges);
        Assert.Contains(("Charging", "TerminateSaga", "Terminated"), edges);
        // Chosen when compensation starts, so only the machine can say so; the definition alone would leave Compensating a dead end.
        Assert.Contains(("Compensating", "CompensationCompleted", "Cancelled"), edges);
        Assert.Contains(("Compensating", "CompensationCompleted", "PaymentFailed"), edges);
        // An ended order refuses to be terminated, so no such edge is drawn.
        Assert.DoesNotContain(("Completed", "TerminateSaga", "Terminated"), edges);
        Assert.Equal(["customerId"], order.GetProperty("searchAttributes").EnumerateArray().Select(a => a.GetProperty("name").GetString()));
        Assert.Contains(order.GetProperty("states").EnumerateArray(), s => s.GetProperty("name").GetString() == "Completed" && s.GetProperty("succeeded").GetBoolean());
        // Every instance is counted once by state, and once by the definition version it started on.
        Assert.Equal(1, order.GetProperty("version").GetInt32());
        Assert.Equal(order.GetProperty("states").EnumerateArray().Sum(s => s.GetProperty("count").GetInt32()),
            order.GetProperty("versions").EnumerateArray().Sum(v => v.GetProperty("running").GetInt32() + v.GetProperty("ended").GetInt32()));
    }

    [Fact]
    public async Task Terminate_stops_a_waiting_saga_with_the_reason_and_then_refuses_everything()
    {
        var id = await SubmitAsync("erin");

        using (var cancel = await PostAsync($"/api/sagas/{id}/cancel", new { reason = "no" }))
        {
            Assert.Equal(HttpStatusCode.Conflict, cancel.StatusCode);
            Assert.Contains("nothing to undo; terminate it instead", await cancel.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var terminate = await PostAsync($"/api/sagas/{id}/terminate", new { reason = "duplicate claim" }))
            Assert.Equal(HttpStatusCode.Accepted, terminate.StatusCode);

        var saga = await _api.Services.WaitForStateAsync<ExpenseApprovalState>(id, "Terminated");
        Assert.Equal("duplicate claim", saga.TerminationReason);
        var detail = (await DetailAsync(id))!.Value;
        Assert.True(detail.GetProperty("terminal").GetBoolean());
        Assert.Equal(("TerminateSaga", "Terminated"),
            (detail.GetProperty("history").EnumerateArray().Last().GetProperty("event").GetString(), detail.GetProperty("history").EnumerateArray().Last().GetProperty("toState").GetString()));

        using (var again = await PostAsync($"/api/sagas/{id}/terminate", new { reason = "again" }))
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        using (var signal = await PostAsync($"/api/sagas/{id}/signals/approve", new { by = "boss" }))
            Assert.Equal(HttpStatusCode.Conflict, signal.StatusCode);
        using (var unknown = await PostAsync($"/api/sagas/{Guid.NewGuid()}/terminate", new { reason = "x" }))
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task A_bulk_operation_counts_first_then_reaches_exactly_the_sagas_its_filter_matches()
    {
        var ann = new[] { await SubmitAsync("ann"), await SubmitAsync("ann"), await SubmitAsync("ann") };
        var bob = new[] { await SubmitAsync("bob"), await SubmitAsync("bob") };
        var filter = new { type = "ExpenseApproval", attributes = new Dictionary<string, string> { ["employee"] = "ann" } };

        var dryRun = await BulkAsync("terminate", new { filter, reason = "cleanup" });
        Assert.Equal((true, 3, 0), (dryRun.GetProperty("dryRun").GetBoolean(), dryRun.GetProperty("matched").GetInt32(), dryRun.GetProperty("applied").GetInt32()));
        await Task.Delay(TimeSpan.FromSeconds(1));
        foreach (var id in ann)
            Assert.Equal("AwaitingDecision", (await _api.Services.SagaAsync<ExpenseApprovalState>(id))!.CurrentState);

        var applied = await BulkAsync("terminate", new { filter, reason = "cleanup", dryRun = false });
        Assert.Equal(3, applied.GetProperty("applied").GetInt32());
        foreach (var id in ann)
            Assert.Equal("cleanup", (await _api.Services.WaitForStateAsync<ExpenseApprovalState>(id, "Terminated")).TerminationReason);

        var approve = await BulkAsync("signal", new { filter = new { type = "ExpenseApproval", state = "AwaitingDecision" }, signal = "approve", data = new { by = "boss" }, dryRun = false });
        Assert.Equal(2, approve.GetProperty("applied").GetInt32());
        foreach (var id in bob)
            Assert.Equal("boss", (await _api.Services.WaitForStateAsync<ExpenseApprovalState>(id, "Approved")).DecidedBy);
        foreach (var id in ann)
            Assert.Equal("Terminated", (await _api.Services.SagaAsync<ExpenseApprovalState>(id))!.CurrentState);

        using var deaf = await PostAsync("/api/sagas/bulk/signal", new { filter = new { }, signal = "approve" });
        Assert.Equal(HttpStatusCode.BadRequest, deaf.StatusCode);
        Assert.Contains("has no signal 'approve'", await deaf.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var unknown = await PostAsync("/api/sagas/bulk/explode", new { filter = new { } });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        using var noFilter = await PostAsync("/api/sagas/bulk/terminate", new { reason = "all" });
        Assert.Equal(HttpStatusCode.BadRequest, noFilter.StatusCode);
    }

    async Task<Guid> SubmitAsync(string employee)
    {
        using var response = await Http.PostAsJsonAsync("/api/expenses", new { employee, amount = 10m, description = "taxi" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("expenseId").GetGuid();
        await _api.Services.WaitForStateAsync<ExpenseApprovalState>(id, "AwaitingDecision");
        return id;
    }

    async Task<JsonElement> BulkAsync(string operation, object body)
    {
        using var response = await PostAsync($"/api/sagas/bulk/{operation}", body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    Task<HttpResponseMessage> PostAsync(string url, object body) => Http.PostAsJsonAsync(url, body);

    async Task<JsonElement?> DetailAsync(Guid id)
    {
        using var response = await Http.GetAsync($"/api/sagas/{id}");
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<JsonElement>() : null;
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var path in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(_file) + "*"))
            File.Delete(path);
    }
}
