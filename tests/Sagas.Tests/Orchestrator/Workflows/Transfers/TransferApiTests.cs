using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Orchestrator.Workflows.Transfers;

/// <summary><c>POST /api/transfers</c> refuses what the ledger cannot hold, with the reason, and keeps serving.</summary>
public sealed class TransferApiTests : IAsyncLifetime
{
    readonly string _file = Path.Combine(Path.GetTempPath(), $"sagas-{Guid.NewGuid():N}.db");
    ApiHost _api = null!;

    [Theory]
    [InlineData("""{"fromAccount":"alice","toAccount":"bob","amount":10.005}""", "amount has more than 2 decimal places")]
    [InlineData("""{"fromAccount":"alice","toAccount":"bob","amount":10000000000000000}""", "amount is more than the ledger holds")]
    [InlineData("""{"fromAccount":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","toAccount":"bob","amount":10}""",
        "fromAccount is longer than 64 characters")]
    public async Task A_transfer_the_ledger_cannot_hold_is_refused_with_its_reason_and_a_valid_one_right_after_is_accepted(string body, string reason)
    {
        using var refused = await _api.Http.PostAsync("/api/transfers", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.StartsWith(reason, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

        using var accepted = await _api.Http.PostAsJsonAsync("/api/transfers", new { fromAccount = "alice", toAccount = "bob", amount = 10.05m });
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
    }

    public async Task InitializeAsync() => _api = await ApiHost.StartAsync(OrchestratorHost.Embedded(_file));

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(_file) + "*"))
            File.Delete(file);
    }
}
