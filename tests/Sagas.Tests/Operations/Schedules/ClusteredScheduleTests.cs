using System.Net;
using Microsoft.EntityFrameworkCore;
using Sagas.Operations.Schedules;
using Sagas.Orchestrator.Workflows.DailyReports;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Operations.Schedules;

/// <summary>Two orchestrators on one PostgreSQL database and one RabbitMQ vhost: Quartz's cluster fires each tick on one of them.</summary>
public sealed class ClusteredScheduleTests
{
    static readonly TimeSpan Tick = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Two_schedulers_on_one_database_start_exactly_one_workflow_per_tick()
    {
        await using var database = await TestServers.CreatePostgresDatabaseAsync();
        await using var broker = await TestServers.CreateRabbitMqVirtualHostAsync();
        var settings = OrchestratorHost.RealStack(database.ConnectionString, broker.ConnectionString);
        await using var first = await ScheduleHost.StartAsync(settings);
        await using var second = await ScheduleHost.StartAsync(settings);
        var starts = new SendCounter();
        first.Bus.ConnectSendObserver(starts);
        second.Bus.ConnectSendObserver(starts);

        await ScheduleHost.WaitUntilAsync(async () => await first.QueryAsync(db =>
            db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM qrtz_SCHEDULER_STATE").SingleAsync()) == 2, "both schedulers to join the cluster");

        var created = DateTimeOffset.UtcNow;
        await ScheduleFiringTests.CreateAsync(first, new
        {
            name = "every-2s",
            cron = "*/2 * * * * ?",
            workflow = "DailyReport",
            overlap = "AllowAll",
            input = new { reportDate = "2026-11-22" },
        });
        await Task.Delay(TimeSpan.FromSeconds(14));
        using (var paused = await second.Http.PostAsync("/api/schedules/every-2s/pause", null))
            Assert.Equal(HttpStatusCode.NoContent, paused.StatusCode);
        var stopped = DateTimeOffset.UtcNow;

        // Every tick's start may still be on its way; then all runs finish on either node's activities.
        List<DailyReportState> runs = [];
        await ScheduleHost.WaitUntilAsync(async () =>
        {
            runs = await first.SagasAsync<DailyReportState>();
            return runs.Count >= 4 && runs.Count == starts.Sent("StartDailyReport") && runs.All(r => r.CompletedAt is not null);
        }, "the started runs to complete", TimeSpan.FromSeconds(60));
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(runs.Count, (await first.SagasAsync<DailyReportState>()).Count);
        Assert.Equal(runs.Count, starts.Sent("StartDailyReport"));

        // Each run is the run of one tick on the 2-second grid, and no tick between the first and last is missing.
        var grid = new Dictionary<Guid, DateTimeOffset>();
        for (var t = Floor(created - Tick); t <= stopped + Tick; t += Tick)
            grid[ScheduledRun.For("every-2s", t, TimeZoneInfo.Utc).RunId] = t;
        Assert.All(runs, r => Assert.True(grid.ContainsKey(r.CorrelationId), $"run {r.CorrelationId} is no tick's run"));
        var ticks = runs.Select(r => grid[r.CorrelationId]).Order().ToList();
        Assert.All(ticks.Zip(ticks.Skip(1)), pair => Assert.Equal(Tick, pair.Second - pair.First));
        Assert.All(runs, r => Assert.Equal(new DateOnly(2026, 11, 22), r.ReportDate));
    }

    static DateTimeOffset Floor(DateTimeOffset time) =>
        new(time.UtcTicks - time.UtcTicks % Tick.Ticks, TimeSpan.Zero);
}
