using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sagas.Orchestrator.Workflows.HelloWorld;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Orchestrator.Workflows.HelloWorld;

/// <summary>A HelloWorld started over HTTP on the embedded default runs its step and completes; a bad request is refused.</summary>
public sealed class HelloWorldTests : IAsyncLifetime
{
    readonly string _file = Path.Combine(Path.GetTempPath(), $"sagas-{Guid.NewGuid():N}.db");
    ApiHost _api = null!;

    [Fact]
    public async Task A_started_hello_world_runs_its_step_and_completes()
    {
        using var started = await _api.Http.PostAsJsonAsync("/api/hello-worlds", new { name = "Ada" });
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("helloWorldId").GetGuid();

        var saga = await _api.Services.WaitForStateAsync<HelloWorldState>(id, "Completed");

        Assert.Equal("Hello, Ada!", saga.Greeting);
        var view = await _api.Http.GetFromJsonAsync<JsonElement>($"/api/hello-worlds/{id}");
        Assert.Equal(["Composing", "Completed"], view.GetProperty("history").EnumerateArray()
            .Where(h => h.GetProperty("fromState").GetString() != h.GetProperty("toState").GetString())
            .Select(h => h.GetProperty("toState").GetString()));
        var workflows = await _api.Http.GetFromJsonAsync<JsonElement>("/api/workflows");
        Assert.Contains(workflows.EnumerateArray(), w => w.GetProperty("type").GetString() == "HelloWorld" && w.GetProperty("table").GetString() == "hello_world_sagas");
    }

    [Fact]
    public async Task A_start_without_a_name_is_refused_with_the_reason()
    {
        using var refused = await _api.Http.PostAsJsonAsync("/api/hello-worlds", new { name = "" });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("name is required", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    public async Task InitializeAsync() => _api = await ApiHost.StartAsync(OrchestratorHost.Embedded(_file));

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(_file) + "*"))
            File.Delete(file);
    }
}
