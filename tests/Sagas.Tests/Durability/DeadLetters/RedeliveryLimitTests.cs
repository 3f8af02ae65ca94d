using System.Net.Http.Json;
using System.Text.Json;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Durability.DeadLetters;

/// <summary>
/// A failure that never passes is redelivered a bounded number of times by default (10), then
/// dead-lettered with its cause, instead of looping for ever.
/// </summary>
public sealed class RedeliveryLimitTests
{
    [Fact]
    public Task A_deposit_that_always_fails_is_dead_lettered_after_ten_redeliveries() => TestStacks.OnEmbeddedAsync(async settings =>
    {
        // Every attempt fails and is counted in its reason; one try per delivery, redelivered quickly.
        settings["Sagas:Activities:Deposit:Faults:FailFirst"] = "1000";
        settings["Sagas:Activities:Deposit:Retry:Immediate"] = "0";
        settings["Sagas:Activities:Deposit:Retry:InitialInterval"] = "00:00:00.05";
        settings["Sagas:Activities:Deposit:Retry:MaxInterval"] = "00:00:00.1";
        // The saga must not send the step again by itself while this runs.
        settings["Sagas:Activities:Deposit:StartToClose"] = "01:00:00";
        await using var api = await ApiHost.StartAsync(settings);
        foreach (var (account, balance) in new[] { ("alice", 100m), ("bob", 0m) })
            (await api.Http.PostAsJsonAsync("/api/accounts", new { accountId = account, balance })).EnsureSuccessStatusCode();

        var started = await api.Http.PostAsJsonAsync("/api/transfers", new { fromAccount = "alice", toAccount = "bob", amount = 30 });
        var transferId = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("transferId").GetGuid();

        var dead = await Eventually.MatchAsync(
            async () => (await api.Http.GetFromJsonAsync<JsonElement>($"/api/errors?sagaId={transferId}")).GetProperty("items").EnumerateArray().ToList(),
            list => list.Count > 0, "the deposit to be dead-lettered", TimeSpan.FromSeconds(60));

        var item = Assert.Single(dead);
        Assert.Equal("deposit_error", item.GetProperty("queue").GetString());
        // The first delivery and ten redeliveries: the eleventh attempt was the last.
        Assert.Contains("Injected fault in Deposit: attempt 11 of 1000 failing attempts", item.GetProperty("reason").GetString(), StringComparison.Ordinal);
    });
}
