using System.Net;
using System.Net.Http.Json;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Orchestrator.Security;

/// <summary>Mutating endpoints need the API key; without one configured they are served only on loopback.</summary>
public class ApiKeyTests
{
    static readonly object Expense = new { employee = "erin", amount = 10m, description = "taxi" };

    [Fact]
    public Task With_a_key_configured_a_change_needs_it_and_a_read_does_not() => TestStacks.OnEmbeddedAsync(async settings =>
    {
        settings["Sagas:Api:Key"] = "s3cret";
        await using var api = await ApiHost.StartAsync(settings);

        using (var none = await api.Http.PostAsJsonAsync("/api/expenses", Expense))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
            Assert.Contains("X-Api-Key", await none.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var wrong = await SendAsync(api, "wrong"))
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        using (var right = await SendAsync(api, "s3cret"))
            Assert.Equal(HttpStatusCode.Accepted, right.StatusCode);
        using (var read = await api.Http.GetAsync("/api/sagas"))
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    });

    [Fact]
    public Task Without_a_key_an_orchestrator_listening_beyond_loopback_refuses_every_change() => TestStacks.OnEmbeddedAsync(async settings =>
    {
        await using var api = await ApiHost.StartAsync(settings, urls: "http://0.0.0.0:0");

        using var response = await api.Http.PostAsJsonAsync("/api/expenses", Expense);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("set Sagas:Api:Key", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        using var read = await api.Http.GetAsync("/api/workflows");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    });

    static Task<HttpResponseMessage> SendAsync(ApiHost api, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/expenses") { Content = JsonContent.Create(Expense) };
        request.Headers.Add("X-Api-Key", key);
        return api.Http.SendAsync(request);
    }
}
