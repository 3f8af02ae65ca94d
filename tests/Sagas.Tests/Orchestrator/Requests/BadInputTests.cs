using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sagas.Orchestrator.Data;
using Sagas.Orchestrator.Workflows.Transfers;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Orchestrator.Requests;

/// <summary>
/// What a new user sends by mistake, and what a hostile one sends on purpose: each is refused with
/// its status and reason in problem details, starts nothing, and the next valid request succeeds.
/// </summary>
public sealed class BadInputTests(BadInputTests.Api api) : IClassFixture<BadInputTests.Api>
{
    const string Json = "application/json";

    public static TheoryData<string, string, string?, string?, HttpStatusCode, string> Requests => new()
    {
        { "POST", "/api/transfers", Json, """{"fromAccount":"alice",""", HttpStatusCode.BadRequest, "reached end of data" },
        { "POST", "/api/transfers", Json, "[1,2]", HttpStatusCode.BadRequest, "could not be converted" },
        { "POST", "/api/transfers", Json, "\"alice to bob\"", HttpStatusCode.BadRequest, "could not be converted" },
        { "POST", "/api/transfers", "text/plain", """{"fromAccount":"alice","toAccount":"bob","amount":1}""", HttpStatusCode.UnsupportedMediaType,
            "send the body as application/json, not text/plain" },
        { "POST", "/api/transfers", null, null, HttpStatusCode.BadRequest, "the request needs a JSON body" },
        { "POST", "/api/transfers", Json, """{"fromAccount":null,"toAccount":null,"amount":null}""", HttpStatusCode.BadRequest, "fromAccount is required" },
        { "POST", "/api/transfers", Json, """{"fromAccount":"alice","toAccount":"bob","amount":"ten"}""", HttpStatusCode.BadRequest, "Path: $.amount" },
        { "POST", "/api/transfers", Json, """{"transferId":"7","fromAccount":"alice","toAccount":"bob","amount":1}""", HttpStatusCode.BadRequest, "Path: $.transferId" },
        { "POST", "/api/transfers", Json, """{"fromAccount":"alice","toAccount":"bob","amount":0}""", HttpStatusCode.BadRequest, "amount must be greater than zero" },
        { "POST", "/api/transfers", Json, """{"fromAccount":"alice","toAccount":"bob","amount":-5}""", HttpStatusCode.BadRequest, "amount must be greater than zero" },
        { "POST", "/api/transfers", Json, """{"fromAccount":"alice","toAccount":"alice","amount":5}""", HttpStatusCode.BadRequest, "must differ" },
        { "POST", "/api/transfers", Json, """{"fromAccount":"alice","toAccount":"bob","amount":1e400}""", HttpStatusCode.BadRequest, "Path: $.amount" },
        { "POST", "/api/transfers", Json, """{"fromAccount":"alice","toAccount":"bob","amount":1,"note":"{x2000000}"}""",
            HttpStatusCode.RequestEntityTooLarge, "the body is larger than 1048576 bytes (Sagas:Api:MaxRequestBodySize)" },
        // A megabyte under the limit is read, and its field is too long to be kept.
        { "POST", "/api/expenses", Json, """{"employee":"erin","amount":1,"description":"{x1000000}"}""", HttpStatusCode.BadRequest,
            "description must be at most 512 characters" },
        { "POST", "/api/orders", Json, "{}", HttpStatusCode.BadRequest, "customerId is required" },
        { "POST", "/api/orders", Json, """{"customerId":"alice","items":[{"sku":"apple","quantity":-1,"price":1}]}""", HttpStatusCode.BadRequest, "quantity" },
        { "POST", "/api/batches", Json, """{"orders":"all of them"}""", HttpStatusCode.BadRequest, "Path: $.orders" },
        { "POST", $"/api/sagas/{Guid.Empty}/signals/approve", Json, "{}", HttpStatusCode.NotFound, $"no saga has the id {Guid.Empty}" },
        { "POST", "/api/sagas/not-a-guid/signals/approve", Json, "{}", HttpStatusCode.NotFound, "" },
        { "GET", "/api/batches/00000000-0000-0000-0000-000000000001/items?limit=abc", null, null, HttpStatusCode.BadRequest, "Failed to bind parameter \"int limit\" from \"abc\"" },
    };

    /// <summary>Each filter the API takes, given a value that would be SQL if it were pasted into a statement.</summary>
    public static TheoryData<string> Injections => new()
    {
        "/api/sagas?type=Transfer'; DROP TABLE transfer_sagas; --",
        "/api/sagas?state=Completed' OR '1'='1",
        "/api/sagas?since=2020-01-01' OR 1=1 --",
        "/api/sagas?attr.fromAccount=' OR 1=1 --",
        "/api/sagas?page=' OR 1=1 --",
        "/api/errors?queue=deposit_error' OR 1=1 --",
        "/api/errors?messageType=x' OR 1=1 --",
        $"/api/batches/{Guid.Empty}/items?status=Running' OR 1=1 --",
        "/api/workflows/Transfer' OR 1=1 --",
        "/api/schedules/daily' OR 1=1 --",
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task A_bad_request_is_refused_with_its_reason_starts_nothing_and_the_next_valid_one_succeeds(
        string method, string path, string? contentType, string? body, HttpStatusCode status, string reason)
    {
        var before = await api.TransfersAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
            request.Content = new StringContent(Padded(body), Encoding.UTF8, contentType!);
        // The server may refuse a body before reading it (too large); waiting for its go-ahead, the
        // client reads that answer instead of failing to write into a connection already closed.
        request.Headers.ExpectContinue = true;

        using var refused = await api.Host.Http.SendAsync(request);

        Assert.Equal(status, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        if (reason.Length > 0)
            Assert.Contains(reason, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await api.AssertValidTransferIsAcceptedAsync(expectedTransfers: before + 1);
    }

    [Theory]
    [MemberData(nameof(Injections))]
    public async Task A_filter_that_looks_like_sql_is_only_a_value(string path)
    {
        var before = await api.TransfersAsync();

        using var response = await api.Host.Http.GetAsync(path);

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest or HttpStatusCode.NotFound,
            $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        if (response.StatusCode == HttpStatusCode.OK)
            Assert.DoesNotContain(Guid.Empty.ToString(), await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await api.AssertValidTransferIsAcceptedAsync(expectedTransfers: before + 1);
    }

    [Fact]
    public async Task A_signal_to_a_finished_saga_is_a_conflict_and_one_whose_body_does_not_fit_is_refused()
    {
        var expense = await api.Host.Http.PostAsJsonAsync("/api/expenses", new { employee = "erin", amount = 10m, description = "train" });
        var id = (await expense.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("expenseId").GetGuid();
        await Eventually.TrueAsync(async () => (await api.Host.Http.GetAsync($"/api/expenses/{id}")).IsSuccessStatusCode, "the expense to exist");

        using var unfit = await api.Host.Http.PostAsJsonAsync($"/api/sagas/{id}/signals/approve", new { by = 7 });
        Assert.Equal(HttpStatusCode.BadRequest, unfit.StatusCode);
        Assert.Contains("the body does not fit ApproveExpense", await DetailAsync(unfit), StringComparison.Ordinal);

        (await api.Host.Http.PostAsJsonAsync($"/api/sagas/{id}/signals/approve", new { by = "boss" })).EnsureSuccessStatusCode();
        await Eventually.MatchAsync(() => api.Host.Http.GetFromJsonAsync<JsonElement>($"/api/expenses/{id}"),
            e => e.GetProperty("state").GetString() == "Approved", "the expense to be approved");

        using var late = await api.Host.Http.PostAsJsonAsync($"/api/sagas/{id}/signals/reject", new { by = "boss", reason = "changed my mind" });
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("has already ended in Approved", await DetailAsync(late), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transfer_from_an_unknown_account_is_accepted_and_fails_with_its_reason_moving_nothing()
    {
        var started = await api.Host.Http.PostAsJsonAsync("/api/transfers", new { fromAccount = "nobody", toAccount = "bob", amount = 5m });
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("transferId").GetGuid();

        var transfer = await Eventually.MatchAsync(async () =>
        {
            using var response = await api.Host.Http.GetAsync($"/api/transfers/{id}");
            return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync() : null;
        }, t => JsonDocument.Parse(t).RootElement.GetProperty("state").GetString() == "Failed", "the transfer to fail");

        Assert.Equal("AccountNotFound", JsonDocument.Parse(transfer).RootElement.GetProperty("failureReason").GetString());
    }

    /// <summary>Expands <c>{x1000000}</c> to that many x, so a test's name does not carry a megabyte.</summary>
    static string Padded(string body) => Regex.Replace(body, @"\{x(\d+)\}", m => new string('x', int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)));

    static async Task<string> DetailAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString()!;

    /// <summary>One embedded orchestrator for every case, as a long-running service sees them one after another.</summary>
    public sealed class Api : IAsyncLifetime
    {
        readonly string _file = Path.Combine(Path.GetTempPath(), $"sagas-{Guid.NewGuid():N}.db");

        public ApiHost Host { get; private set; } = null!;

        public async Task<int> TransfersAsync()
        {
            await using var scope = Host.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<SagasDbContext>().Set<TransferState>().CountAsync();
        }

        /// <summary>A valid transfer right after is accepted and becomes a saga, and no refused request became one.</summary>
        public async Task AssertValidTransferIsAcceptedAsync(int expectedTransfers)
        {
            var id = Guid.NewGuid();
            using var accepted = await Host.Http.PostAsJsonAsync("/api/transfers", new { transferId = id, fromAccount = "alice", toAccount = "bob", amount = 1m });
            Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
            await Eventually.TrueAsync(async () => (await Host.Http.GetAsync($"/api/transfers/{id}")).IsSuccessStatusCode, $"transfer {id} to exist");
            Assert.Equal(expectedTransfers, await TransfersAsync());
        }

        public async Task InitializeAsync()
        {
            Host = await ApiHost.StartAsync(OrchestratorHost.Embedded(_file));
            foreach (var (account, balance) in new[] { ("alice", 1000m), ("bob", 0m) })
                (await Host.Http.PostAsJsonAsync("/api/accounts", new { accountId = account, balance })).EnsureSuccessStatusCode();
        }

        public async Task DisposeAsync()
        {
            await Host.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var path in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(_file) + "*"))
                File.Delete(path);
        }
    }
}
