using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Sagas.ActivityWorkers.Ledger;
using Sagas.Orchestrator.Data;
using Sagas.Orchestrator.Workflows.ExpenseApprovals;
using Sagas.Orchestrator.Workflows.Transfers;
using Sagas.Tests.Durability.Sagas;
using Sagas.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Sagas.Tests.Durability.Outbox;

/// <summary>
/// The embedded default (in-memory transport, SQLite file) as a real process, SIGKILLed right after
/// it accepted a burst of work: what sat in its in-memory queues died with it, and its outbox
/// rows, kept until consumed, bring it back at restart. Nothing answered 202 is lost.
/// </summary>
public sealed class EmbeddedCrashTests(ITestOutputHelper output) : IDisposable
{
    readonly string _file = Path.Combine(Path.GetTempPath(), $"sagas-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task Work_accepted_before_a_SIGKILL_is_all_done_after_the_restart()
    {
        using var orchestrator = new ServiceProcess("Sagas.Orchestrator.dll", new Dictionary<string, string>
        {
            ["ConnectionStrings__Sagas"] = $"Data Source={_file}",
            ["Urls"] = "http://127.0.0.1:0",
        });
        orchestrator.Start();
        using var http = new HttpClient { BaseAddress = await ListeningAtAsync(orchestrator, starts: 1) };

        var scenario = new TransferScenario(accounts: 20, transfers: 500, seed: 5);
        foreach (var (id, balance) in scenario.Accounts)
            (await http.PostAsJsonAsync("/api/accounts", new { accountId = id, balance })).EnsureSuccessStatusCode();

        var expenses = new List<Guid>();
        var requests = scenario.Transfers.Select(t => (Path: "/api/transfers", Body: (object)new { t.TransferId, t.FromAccount, t.ToAccount, t.Amount }))
            .Concat(Enumerable.Range(0, 20).Select(i => (Path: "/api/expenses", Body: (object)new { employee = $"e{i}", amount = 10m + i, description = "train" })));
        await Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (request, ct) =>
        {
            var response = await http.PostAsJsonAsync(request.Path, request.Body, ct);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            if (request.Path == "/api/expenses")
            {
                var accepted = await response.Content.ReadFromJsonAsync<Dictionary<string, Guid>>(ct);
                lock (expenses)
                    expenses.Add(accepted!.Values.Single());
            }
        });

        orchestrator.Kill();
        var before = await CountAsync(db => db.Set<TransferState>().CountAsync());
        output.WriteLine($"At the kill: {before} of {scenario.Transfers.Count} transfers had started");
        orchestrator.Start();
        await ListeningAtAsync(orchestrator, starts: 2);

        var sagas = await WaitForAsync(db => db.Set<TransferState>().AsNoTracking().ToListAsync(),
            s => s.Count == scenario.Transfers.Count && s.All(x => x.CompletedAt != null), "every transfer to end",
            s => $"{s.Count} started; not ended: {string.Join(", ", s.Where(x => x.CompletedAt == null).GroupBy(x => $"{x.CurrentState} (step {x.CurrentStep} attempt {x.StepAttempt}, deadline {x.StepDeadline:O})").Select(g => $"{g.Count()} in {g.Key}"))}"
                + $"\nThe restarted orchestrator's last lines:\n{string.Join('\n', orchestrator.Output.TakeLast(60))}");
        await using (var ledger = Ledger())
            scenario.AssertConsistent(await ledger.Accounts.ToListAsync(), await ledger.LedgerEntries.ToListAsync(), sagas);

        var approvals = await WaitForAsync(db => db.Set<ExpenseApprovalState>().AsNoTracking().ToListAsync(),
            s => s.Count == expenses.Count && s.All(x => x.ApproverNotifiedAt != null), "every expense to reach its approver");
        Assert.Equal(expenses.Order(), approvals.Select(x => x.CorrelationId).Order());
        Assert.All(approvals, x => Assert.Equal("AwaitingDecision", x.CurrentState));
    }

    static async Task<Uri> ListeningAtAsync(ServiceProcess process, int starts)
    {
        for (var i = 0; i < 600; i++)
        {
            var lines = process.Output.Where(l => l.Contains("listening on")).ToList();
            if (lines.Count >= starts)
                return new Uri(lines[^1][(lines[^1].IndexOf("http", StringComparison.Ordinal))..].Trim());
            await Task.Delay(100);
        }

        throw new TimeoutException($"The orchestrator did not start:\n{string.Join('\n', process.Output.TakeLast(40))}");
    }

    async Task<T> WaitForAsync<T>(Func<SagasDbContext, Task<T>> read, Func<T, bool> done, string what, Func<T, string>? describe = null)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(3);
        while (true)
        {
            var value = await CountAsync(read);
            if (done(value))
                return value;
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out waiting for {what}{(describe is null ? "" : $": {describe(value)}")}");
            await Task.Delay(500);
        }
    }

    async Task<T> CountAsync<T>(Func<SagasDbContext, Task<T>> read)
    {
        await using var db = new SqliteSagasDbContext(new DbContextOptionsBuilder<SqliteSagasDbContext>().UseSqlite($"Data Source={_file}").Options);
        return await read(db);
    }

    SqliteLedgerDbContext Ledger() =>
        new(new DbContextOptionsBuilder<SqliteLedgerDbContext>().UseSqlite($"Data Source={_file}").Options);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(_file) + "*"))
            File.Delete(file);
    }
}
