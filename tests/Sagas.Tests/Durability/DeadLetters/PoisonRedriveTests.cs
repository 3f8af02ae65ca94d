using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Durability.DeadLetters;

/// <summary>
/// A deposit that fails every attempt is dead-lettered, shows up in <c>/api/errors</c> with its
/// exception while the transfer waits, and a redrive finishes the transfer.
/// </summary>
public sealed class PoisonRedriveTests
{
    [Fact]
    public Task A_poison_deposit_is_dead_lettered_and_redriven_to_completion_on_the_embedded_default() =>
        TestStacks.OnEmbeddedAsync(PoisonThenRedriveAsync);

    [Fact]
    public Task A_poison_deposit_is_dead_lettered_and_redriven_to_completion_on_PostgreSQL_and_RabbitMQ() =>
        TestStacks.OnRealStackAsync(PoisonThenRedriveAsync);

    static async Task PoisonThenRedriveAsync(Dictionary<string, string?> settings)
    {
        // Two attempts and no redelivery (MaxAttempts 0 turns that stage off), both fail; the third (the redrive) passes.
        settings["Sagas:Activities:Deposit:Faults:FailFirst"] = "2";
        settings["Sagas:Activities:Deposit:Retry:Immediate"] = "1";
        settings["Sagas:Activities:Deposit:Retry:MaxAttempts"] = "0";
        // The saga must not send the step again by itself: only the redrive may finish it.
        settings["Sagas:Activities:Deposit:StartToClose"] = "01:00:00";
        await using var api = await ApiHost.StartAsync(settings);
        await OpenAsync(api, "alice", 100);
        await OpenAsync(api, "bob", 0);

        using var started = await api.Http.PostAsJsonAsync("/api/transfers", new { fromAccount = "alice", toAccount = "bob", amount = 30 });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var transferId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("transferId").GetGuid();

        var items = await Eventually.MatchAsync(
            async () => (await api.Http.GetFromJsonAsync<JsonElement>($"/api/errors?sagaId={transferId}")).GetProperty("items").EnumerateArray().ToList(),
            list => list.Count > 0, "the deposit to be dead-lettered", TimeSpan.FromSeconds(60));
        var item = Assert.Single(items);
        Assert.Equal("deposit_error", item.GetProperty("queue").GetString());
        Assert.Equal("Sagas.Contracts:Deposit", item.GetProperty("messageType").GetString());
        Assert.Contains("InjectedActivityFaultException", item.GetProperty("exceptionType").GetString());
        Assert.Contains("Injected fault in Deposit", item.GetProperty("reason").GetString());
        Assert.Equal(transferId, item.GetProperty("correlationId").GetGuid());
        Assert.NotNull(item.GetProperty("faultedAt").GetString());

        var id = item.GetProperty("id").GetGuid();
        var detail = await api.Http.GetFromJsonAsync<JsonElement>($"/api/errors/{id}");
        Assert.Equal(transferId, detail.GetProperty("body").GetProperty("transferId").GetGuid());
        Assert.Equal("bob", detail.GetProperty("body").GetProperty("account").GetString());
        Assert.Contains("/deposit", detail.GetProperty("inputAddress").GetString());
        Assert.Contains("ActivityFaultFilter", detail.GetProperty("stackTrace").GetString());
        Assert.Equal("fault", detail.GetProperty("headers").GetProperty("MT-Reason").GetString());

        // Dead-lettered, not forgotten: the saga still waits for its deposit, and the money is withdrawn only.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal("Depositing", await TransferStateAsync(api, transferId));
        Assert.Equal((70m, 0m), (await BalanceAsync(api, "alice"), await BalanceAsync(api, "bob")));

        using (var redrive = await api.Http.PostAsync($"/api/errors/{id}/redrive", null))
            Assert.Equal(HttpStatusCode.Accepted, redrive.StatusCode);

        await Eventually.TrueAsync(async () => await TransferStateAsync(api, transferId) == "Completed", "the redriven transfer to complete", TimeSpan.FromSeconds(60));
        Assert.Equal((70m, 30m), (await BalanceAsync(api, "alice"), await BalanceAsync(api, "bob")));
        var left = await api.Http.GetFromJsonAsync<JsonElement>("/api/errors");
        Assert.True(left.GetProperty("items").GetArrayLength() == 0, $"dead letters left: {left}");
        using var gone = await api.Http.GetAsync($"/api/errors/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    static async Task OpenAsync(ApiHost api, string account, decimal balance)
    {
        using var response = await api.Http.PostAsJsonAsync("/api/accounts", new { accountId = account, balance });
        response.EnsureSuccessStatusCode();
    }

    static async Task<string?> TransferStateAsync(ApiHost api, Guid id) =>
        (await api.Http.GetFromJsonAsync<JsonElement>($"/api/transfers/{id}")).GetProperty("state").GetString();

    static async Task<decimal> BalanceAsync(ApiHost api, string account) =>
        (await api.Http.GetFromJsonAsync<JsonElement>($"/api/accounts/{account}")).GetProperty("balance").GetDecimal();
}
