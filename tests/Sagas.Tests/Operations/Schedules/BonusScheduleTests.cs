using MassTransit;
using Microsoft.EntityFrameworkCore;
using Sagas.Contracts;
using Sagas.Orchestrator.Workflows.BonusCalculations;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Operations.Schedules;

/// <summary>BonusCalculation started by its schedule, again and again for one period: money moves once per account.</summary>
public sealed class BonusScheduleTests : IAsyncLifetime
{
    readonly string _file = Path.Combine(Path.GetTempPath(), $"sagas-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task A_bonus_run_again_for_its_period_never_pays_twice()
    {
        await using var host = await ScheduleHost.StartAsync(OrchestratorHost.Embedded(_file));
        await host.OpenAccountsAsync(("alice", 150), ("bob", 100), ("carol", 50), ("dave", 0));
        await ScheduleFiringTests.CreateAsync(host, new
        {
            name = "bonus-november",
            cron = "0 0 1 * *",
            workflow = "BonusCalculation",
            overlap = "AllowAll",
            input = new { period = "2026-11", amount = 10, minimumBalance = 100 },
        });

        await RunNowAsync(host, "bonus-november", runs: 1);
        await RunNowAsync(host, "bonus-november", runs: 2);

        var runs = (await host.SagasAsync<BonusCalculationState>()).OrderBy(s => s.CreatedAt).ToList();
        Assert.All(runs, r => Assert.Equal(("Completed", "2026-11", 2), (r.CurrentState, r.Period, r.EligibleCount)));
        Assert.Equal((2, 0, 20m), (runs[0].CreditedCount, runs[0].AlreadyPaidCount, runs[0].TotalCredited));
        Assert.Equal((0, 2, 0m), (runs[1].CreditedCount, runs[1].AlreadyPaidCount, runs[1].TotalCredited));
        await AssertBalancesAsync(host, ("alice", 160), ("bob", 110), ("carol", 50), ("dave", 0));

        // Two runs of another period at once (two "run now" in one second would be one run, so straight from the bus).
        await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => host.Bus.Publish(new StartBonusCalculation
        {
            CalculationId = Guid.NewGuid(),
            Period = "2026-12",
            Amount = 5,
            MinimumBalance = 100,
        })));
        await ScheduleHost.WaitUntilAsync(async () => (await host.SagasAsync<BonusCalculationState>()).Count(r => r.Period == "2026-12" && r.CompletedAt is not null) == 2,
            "both December runs to complete");

        var december = (await host.SagasAsync<BonusCalculationState>()).Where(r => r.Period == "2026-12").ToList();
        Assert.Equal(2, december.Sum(r => r.CreditedCount));
        Assert.All(december, r => Assert.Equal(2, r.CreditedCount + r.AlreadyPaidCount));
        await AssertBalancesAsync(host, ("alice", 165), ("bob", 115), ("carol", 50), ("dave", 0));

        var bonuses = await host.LedgerAsync(db => db.LedgerEntries.AsNoTracking().Where(e => e.ReferenceId.StartsWith("bonus:")).Select(e => e.ReferenceId).ToListAsync());
        Assert.Equal(["bonus:alice:2026-11", "bonus:alice:2026-12", "bonus:bob:2026-11", "bonus:bob:2026-12"], bonuses.Order().ToList());
    }

    static async Task RunNowAsync(ScheduleHost host, string schedule, int runs)
    {
        using var response = await host.Http.PostAsync($"/api/schedules/{schedule}/trigger", null);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        await ScheduleHost.WaitUntilAsync(async () => (await host.SagasAsync<BonusCalculationState>()).Count(r => r.CompletedAt is not null) == runs,
            $"run {runs} to complete");
    }

    static async Task AssertBalancesAsync(ScheduleHost host, params (string Id, decimal Balance)[] expected)
    {
        var accounts = await host.LedgerAsync(db => db.Accounts.AsNoTracking().ToListAsync());
        Assert.Equal(expected.OrderBy(a => a.Id).ToList(), accounts.OrderBy(a => a.Id).Select(a => (a.Id, a.Balance)).ToList());
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(_file) + "*"))
            File.Delete(file);
        return Task.CompletedTask;
    }
}
