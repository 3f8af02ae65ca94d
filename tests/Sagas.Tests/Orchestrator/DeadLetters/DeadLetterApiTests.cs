using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Orchestrator.DeadLetters;

public sealed class DeadLetterApiTests
{
    [Fact]
    public Task Unknown_dead_letters_are_404_and_bad_filters_400_with_the_reason() =>
        TestStacks.OnEmbeddedAsync(async settings =>
        {
            await using var api = await ApiHost.StartAsync(settings);

            var empty = await api.Http.GetFromJsonAsync<JsonElement>("/api/errors");
            Assert.Empty(empty.GetProperty("items").EnumerateArray());

            foreach (var missing in new[] { Guid.NewGuid().ToString(), "not-an-id" })
            {
                using var get = await api.Http.GetAsync($"/api/errors/{missing}");
                Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
                using var redrive = await api.Http.PostAsync($"/api/errors/{missing}/redrive", null);
                Assert.Equal(HttpStatusCode.NotFound, redrive.StatusCode);
            }

            foreach (var (filter, reason) in new[] { ("sagaId=alice", "not a GUID"), ("limit=0", "limit must be"), ("limit=many", "not a whole number") })
            {
                using var response = await api.Http.GetAsync($"/api/errors?{filter}");
                Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
                Assert.Contains(reason, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
            }

            using var bulk = await api.Http.PostAsJsonAsync("/api/errors/redrive", new { sagaId = "bob", dryRun = true });
            Assert.Equal(HttpStatusCode.BadRequest, bulk.StatusCode);
            using var nothing = await api.Http.PostAsJsonAsync("/api/errors/redrive", new { queue = "deposit_error", dryRun = true });
            var outcome = await nothing.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal((0, 0, true), (outcome.GetProperty("matched").GetInt32(), outcome.GetProperty("applied").GetInt32(), outcome.GetProperty("dryRun").GetBoolean()));
        });
}
