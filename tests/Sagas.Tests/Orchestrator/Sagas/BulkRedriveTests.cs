using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sagas.Orchestrator.Workflows.Transfers;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Orchestrator.Sagas;

/// <summary><c>POST /api/sagas/bulk/redrive</c>: the dead letters of exactly the sagas a filter matches go back, and those sagas finish.</summary>
public class BulkRedriveTests
{
    [Fact]
    public Task Redriving_by_filter_resumes_only_the_matching_sagas() => TestStacks.OnEmbeddedAsync(async settings =>
    {
        // Every deposit fails twice and is dead-lettered (no redelivery); a redrive is its third attempt, which passes.
        settings["Sagas:Activities:Deposit:Faults:FailFirst"] = "2";
        settings["Sagas:Activities:Deposit:Retry:Immediate"] = "1";
        settings["Sagas:Activities:Deposit:Retry:MaxAttempts"] = "0";
        settings["Sagas:Activities:Deposit:StartToClose"] = "01:00:00";
        await using var api = await ApiHost.StartAsync(settings);
        foreach (var (account, balance) in new[] { ("alice", 100m), ("carol", 100m), ("bob", 0m) })
            (await api.Http.PostAsJsonAsync("/api/accounts", new { accountId = account, balance })).EnsureSuccessStatusCode();
        var alices = await TransferAsync(api, "alice");
        var carols = await TransferAsync(api, "carol");
        await Eventually.TrueAsync(async () => (await ErrorsAsync(api)).GetArrayLength() == 2, "both deposits to be dead-lettered", TimeSpan.FromSeconds(60));

        var filter = new { type = "Transfer", attributes = new Dictionary<string, string> { ["fromAccount"] = "alice" } };
        var dryRun = await BulkAsync(api, new { filter });
        Assert.Equal((1, 1, 0), (dryRun.GetProperty("matched").GetInt32(), dryRun.GetProperty("messages").GetInt32(), dryRun.GetProperty("applied").GetInt32()));
        Assert.Equal(2, (await ErrorsAsync(api)).GetArrayLength());

        var applied = await BulkAsync(api, new { filter, dryRun = false });
        Assert.Equal(1, applied.GetProperty("applied").GetInt32());
        await api.Services.WaitForStateAsync<TransferState>(alices, "Completed");
        var left = Assert.Single((await ErrorsAsync(api)).EnumerateArray());
        Assert.Equal(carols, left.GetProperty("correlationId").GetGuid());
        Assert.Equal("Depositing", (await api.Services.SagaAsync<TransferState>(carols))!.CurrentState);
    });

    static async Task<Guid> TransferAsync(ApiHost api, string from)
    {
        using var response = await api.Http.PostAsJsonAsync("/api/transfers", new { fromAccount = from, toAccount = "bob", amount = 10 });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("transferId").GetGuid();
    }

    static async Task<JsonElement> ErrorsAsync(ApiHost api) => (await api.Http.GetFromJsonAsync<JsonElement>("/api/errors")).GetProperty("items");

    static async Task<JsonElement> BulkAsync(ApiHost api, object body)
    {
        using var response = await api.Http.PostAsJsonAsync("/api/sagas/bulk/redrive", body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
