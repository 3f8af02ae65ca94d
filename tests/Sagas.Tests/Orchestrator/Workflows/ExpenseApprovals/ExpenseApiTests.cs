using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Sagas.Orchestrator.Workflows.ExpenseApprovals;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Orchestrator.Workflows.ExpenseApprovals;

/// <summary><c>/api/expenses</c> and the generic <c>/api/sagas/{id}/signals/{name}</c> over real HTTP.</summary>
public sealed class ExpenseApiTests : IAsyncLifetime
{
    readonly string _file = Path.Combine(Path.GetTempPath(), $"sagas-{Guid.NewGuid():N}.db");
    ApiHost _api = null!;

    HttpClient Http => _api.Http;

    [Fact]
    public async Task An_expense_submitted_over_http_is_approved_by_the_approve_signal_and_a_later_reject_is_refused()
    {
        var id = await SubmitAsync();
        await WaitNotifiedAsync(id);

        using (var approve = await SignalAsync(id, "approve", """{"by":"boss","reason":"ok"}"""))
            Assert.Equal(HttpStatusCode.Accepted, approve.StatusCode);
        await _api.Services.WaitForStateAsync<ExpenseApprovalState>(id, "Approved");

        var view = await Http.GetFromJsonAsync<JsonElement>($"/api/expenses/{id}");
        Assert.Equal("Approved", view.GetProperty("state").GetString());
        Assert.Equal("boss", view.GetProperty("decidedBy").GetString());
        Assert.Equal(["AwaitingDecision", "Approved"], view.GetProperty("history").EnumerateArray()
            .Where(h => h.GetProperty("fromState").GetString() != h.GetProperty("toState").GetString())
            .Select(h => h.GetProperty("toState").GetString()));

        using var reject = await SignalAsync(id, "reject", """{"by":"other boss","reason":"changed my mind"}""");
        Assert.Equal(HttpStatusCode.Conflict, reject.StatusCode);
        Assert.Contains("has already ended in Approved", await reject.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(("Approved", "boss"), await StateAndDeciderAsync(id));
    }

    [Fact]
    public async Task A_signal_named_by_its_type_reaches_the_saga_in_the_route_even_if_the_body_names_another()
    {
        var id = await SubmitAsync();
        await WaitNotifiedAsync(id);

        using var response = await SignalAsync(id, "RejectExpense", $$"""{"ExpenseId":"{{Guid.NewGuid()}}","by":"boss","reason":"no receipt"}""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var rejected = await _api.Services.WaitForStateAsync<ExpenseApprovalState>(id, "Rejected");
        Assert.Equal(("boss", "no receipt"), (rejected.DecidedBy, rejected.Reason));
    }

    [Fact]
    public async Task The_signal_endpoint_answers_404_for_an_unknown_saga_and_400_for_an_unknown_signal_or_a_bad_body()
    {
        var id = await SubmitAsync();
        await WaitNotifiedAsync(id);

        using (var unknownSaga = await SignalAsync(Guid.NewGuid(), "approve", """{"by":"boss"}"""))
            Assert.Equal(HttpStatusCode.NotFound, unknownSaga.StatusCode);

        using (var unknownSignal = await SignalAsync(id, "escalate", """{"by":"boss"}"""))
        {
            Assert.Equal(HttpStatusCode.BadRequest, unknownSignal.StatusCode);
            var body = await unknownSignal.Content.ReadAsStringAsync();
            Assert.Contains("ExpenseApproval has no signal 'escalate'", body, StringComparison.Ordinal);
            Assert.Contains("approve", body, StringComparison.Ordinal);
        }

        // An activity's outcome is an event of the saga too, but not a signal: it cannot be forged over HTTP.
        using (var notASignal = await SignalAsync(id, "ApproverNotified", "{}"))
            Assert.Equal(HttpStatusCode.BadRequest, notASignal.StatusCode);

        using (var malformed = await SignalAsync(id, "approve", """{"by":"boss" """))
        {
            Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
            Assert.Contains("not valid JSON", await malformed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var wrongShape = await SignalAsync(id, "approve", """{"by":{"name":"boss"}}"""))
            Assert.Equal(HttpStatusCode.BadRequest, wrongShape.StatusCode);

        using (var notAnObject = await SignalAsync(id, "approve", "[1,2]"))
            Assert.Equal(HttpStatusCode.BadRequest, notAnObject.StatusCode);

        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(("AwaitingDecision", null), await StateAndDeciderAsync(id));
    }

    [Fact]
    public async Task An_invalid_expense_is_refused_with_400_and_an_unknown_one_is_404()
    {
        using var invalid = await Http.PostAsJsonAsync("/api/expenses", new { employee = "erin", amount = 0, description = "lunch" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("amount must be greater than zero", await invalid.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var unknown = await Http.GetAsync($"/api/expenses/{Guid.NewGuid()}");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    async Task<Guid> SubmitAsync()
    {
        using var response = await Http.PostAsJsonAsync("/api/expenses", new { employee = "erin", amount = 42.5m, description = "train to Lyon" });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("expenseId").GetGuid();
    }

    Task WaitNotifiedAsync(Guid id) =>
        Eventually.MatchAsync(() => _api.Services.SagaAsync<ExpenseApprovalState>(id),
            saga => saga is { CurrentState: "AwaitingDecision", ApproverNotifiedAt: not null }, $"expense {id} to wait for a decision");

    Task<HttpResponseMessage> SignalAsync(Guid id, string name, string json) =>
        Http.PostAsync($"/api/sagas/{id}/signals/{name}", new StringContent(json, Encoding.UTF8, "application/json"));

    async Task<(string?, string?)> StateAndDeciderAsync(Guid id) =>
        await _api.Services.SagaAsync<ExpenseApprovalState>(id) is { } saga ? (saga.CurrentState, saga.DecidedBy) : (null, null);

    public async Task InitializeAsync() => _api = await ApiHost.StartAsync(OrchestratorHost.Embedded(_file));

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(_file) + "*"))
            File.Delete(file);
    }
}
