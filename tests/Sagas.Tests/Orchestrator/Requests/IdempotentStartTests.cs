using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sagas.Orchestrator.Data;
using Sagas.Orchestrator.Workflows.Transfers;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Orchestrator.Requests;

/// <summary>
/// A client that retries a start (it timed out, its connection dropped) moves money once: the same
/// <c>Idempotency-Key</c> or transfer id with the same body gets the same transfer; with another body
/// it is refused and starts nothing.
/// </summary>
public sealed class IdempotentStartTests
{
    static readonly object Transfer = new { fromAccount = "alice", toAccount = "bob", amount = 10m };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public Task Copies_of_a_start_with_one_key_sent_at_once_start_one_transfer(bool realStack) => OnStackAsync(realStack, async api =>
    {
        var key = Guid.NewGuid().ToString();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostAsync(api, Transfer, key)));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.Status));
        var id = Assert.Single(answers.Select(a => a.Id).Distinct());
        Assert.Equal(7, answers.Count(a => a.Replayed));
        await AssertMovedOnceAsync(api, id);
    });

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public Task A_retry_after_the_transfer_finished_gets_the_same_transfer_and_moves_nothing_more(bool realStack) => OnStackAsync(realStack, async api =>
    {
        var key = Guid.NewGuid().ToString();
        var first = await PostAsync(api, Transfer, key);
        await AssertMovedOnceAsync(api, first.Id);

        var retry = await PostAsync(api, Transfer, key);

        Assert.Equal((HttpStatusCode.Accepted, first.Id, true), (retry.Status, retry.Id, retry.Replayed));
        Assert.Equal($"/api/transfers/{first.Id}", retry.Location);
        await AssertMovedOnceAsync(api, first.Id);
    });

    [Fact]
    public Task A_key_reused_for_another_request_is_refused_and_starts_nothing() => OnStackAsync(false, async api =>
    {
        var key = Guid.NewGuid().ToString();
        var first = await PostAsync(api, Transfer, key);

        using var reused = await Send(api, new { fromAccount = "alice", toAccount = "bob", amount = 20m }, key);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, reused.StatusCode);
        Assert.Contains($"already used for a different request, which started transfer {first.Id}", await DetailAsync(reused), StringComparison.Ordinal);
        await AssertMovedOnceAsync(api, first.Id);
    });

    [Fact]
    public Task A_transfer_id_started_again_with_the_same_body_is_the_same_transfer_and_with_another_is_refused() => OnStackAsync(false, async api =>
    {
        var id = Guid.NewGuid();
        var first = await PostAsync(api, new { transferId = id, fromAccount = "alice", toAccount = "bob", amount = 10m });
        var again = await PostAsync(api, new { transferId = id, fromAccount = "alice", toAccount = "bob", amount = 10m });

        using var other = await Send(api, new { transferId = id, fromAccount = "alice", toAccount = "bob", amount = 30m });

        Assert.Equal((id, id, true), (first.Id, again.Id, again.Replayed));
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Contains($"transfer {id} was already started by a different request", await DetailAsync(other), StringComparison.Ordinal);
        await AssertMovedOnceAsync(api, id);
    });

    [Fact]
    public Task Without_a_key_or_an_id_each_post_is_a_new_transfer() => OnStackAsync(false, async api =>
    {
        var first = await PostAsync(api, Transfer);
        var second = await PostAsync(api, Transfer);

        Assert.NotEqual(first.Id, second.Id);
        Assert.False(second.Replayed);
    });

    [Fact]
    public Task A_key_longer_than_200_characters_or_with_spaces_is_refused() => OnStackAsync(false, async api =>
    {
        foreach (var key in new[] { new string('k', 201), "has space" })
        {
            using var refused = await Send(api, Transfer, key);

            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("Idempotency-Key must be at most 200 visible ASCII characters", await DetailAsync(refused), StringComparison.Ordinal);
        }
    });

    static async Task OnStackAsync(bool realStack, Func<ApiHost, Task> scenario)
    {
        async Task RunAsync(Dictionary<string, string?> settings)
        {
            await using var api = await ApiHost.StartAsync(settings);
            foreach (var (account, balance) in new[] { ("alice", 100m), ("bob", 0m) })
                (await api.Http.PostAsJsonAsync("/api/accounts", new { accountId = account, balance })).EnsureSuccessStatusCode();
            await scenario(api);
        }

        if (realStack)
            await TestStacks.OnRealStackAsync(settings => RunAsync(WithActivities(settings)));
        else
            await TestStacks.OnEmbeddedAsync(RunAsync);
    }

    static Dictionary<string, string?> WithActivities(Dictionary<string, string?> settings)
    {
        settings["Sagas:HostActivities"] = "true";
        return settings;
    }

    sealed record Answer(HttpStatusCode Status, Guid Id, bool Replayed, string? Location);

    static async Task<Answer> PostAsync(ApiHost api, object body, string? key = null)
    {
        using var response = await Send(api, body, key);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var json = await response.Content.ReadFromJsonAsync<JsonElement>();
        return new Answer(response.StatusCode, json.GetProperty("transferId").GetGuid(),
            response.Headers.TryGetValues("Idempotent-Replayed", out var replayed) && replayed.Single() == "true",
            response.Headers.Location?.OriginalString);
    }

    static Task<HttpResponseMessage> Send(ApiHost api, object body, string? key = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/transfers") { Content = JsonContent.Create(body) };
        if (key is not null)
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return api.Http.SendAsync(request);
    }

    static async Task<string> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;

    /// <summary>The transfer completed, it is the only one, and alice paid 10 once.</summary>
    static async Task AssertMovedOnceAsync(ApiHost api, Guid id)
    {
        await Eventually.TrueAsync(async () =>
        {
            using var transfer = await api.Http.GetAsync($"/api/transfers/{id}");
            return transfer.IsSuccessStatusCode
                && (await transfer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString() == "Completed";
        }, $"transfer {id} to complete");
        // Every start was committed before its answer, so any second transfer exists by now.
        await using var scope = api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SagasDbContext>();
        Assert.Equal([id], await db.Set<TransferState>().Select(x => x.CorrelationId).ToListAsync());
        var alice = await api.Http.GetFromJsonAsync<JsonElement>("/api/accounts/alice");
        Assert.Equal(90m, alice.GetProperty("balance").GetDecimal());
    }
}
