using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Durability.Telemetry;

public sealed class HealthTests
{
    [Fact]
    public async Task Ready_on_the_real_stack_lists_database_broker_and_scheduler()
    {
        await TestStacks.OnRealStackAsync(async settings =>
        {
            await using var api = await ApiHost.StartAsync(settings);

            var (status, body) = await GetAsync(api.Http, "/health/ready");
            Assert.True(status == HttpStatusCode.OK, body.ToString());
            Assert.Equal("Healthy", body.GetProperty("status").GetString());
            var checks = Checks(body);
            Assert.Equal("Healthy", checks["database"]);
            Assert.Equal("Healthy", checks["scheduler"]);
            Assert.Equal("Healthy", Assert.Single(checks, c => c.Key.Contains("masstransit", StringComparison.OrdinalIgnoreCase)).Value);

            var (live, _) = await GetAsync(api.Http, "/health/live");
            Assert.Equal(HttpStatusCode.OK, live);
        });
    }

    /// <summary>
    /// PostgreSQL on a port nothing listens on. The host can still start: no migrations, the
    /// in-memory bus, and no scheduler (Quartz would need the database to store its job).
    /// </summary>
    [Fact]
    public async Task Not_ready_while_the_database_is_unreachable_yet_alive()
    {
        await using var api = await ApiHost.StartAsync(new Dictionary<string, string?>
        {
            ["Sagas:Transport"] = "InMemory",
            ["Sagas:Database"] = "Postgres",
            ["Sagas:ApplyMigrations"] = "false",
            ["Sagas:Scheduler:Enabled"] = "false",
            ["ConnectionStrings:Sagas"] = $"Host=127.0.0.1;Port={TestStacks.FreePort()};Username=sagas;Password=sagas;Database=sagas;SSL Mode=Disable;Timeout=3",
        });

        var (status, body) = await GetAsync(api.Http, "/health/ready");
        Assert.True(status == HttpStatusCode.ServiceUnavailable, body.ToString());
        Assert.Equal("Unhealthy", body.GetProperty("status").GetString());
        var checks = Checks(body);
        Assert.Equal("Unhealthy", checks["database"]);
        Assert.Equal("Healthy", Assert.Single(checks, c => c.Key.Contains("masstransit", StringComparison.OrdinalIgnoreCase)).Value);
        Assert.DoesNotContain("scheduler", checks.Keys);

        var (live, liveBody) = await GetAsync(api.Http, "/health/live");
        Assert.Equal(HttpStatusCode.OK, live);
        Assert.Equal("Healthy", liveBody.GetProperty("status").GetString());
    }

    static Dictionary<string, string> Checks(JsonElement body) =>
        body.GetProperty("checks").EnumerateArray().ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString()!);

    static async Task<(HttpStatusCode, JsonElement)> GetAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return (response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

}
