using System.Net;
using System.Net.Http.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sagas.Durability.Sagas;
using Sagas.Operations.Schedules;
using Sagas.Orchestrator.Workflows.DailyReports;
using Sagas.Testing;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Operations.Schedules;

/// <summary>
/// Cron schedules fired by moving Quartz's clock to each fire time (no further than a second past
/// it, or Quartz would take it for a misfire), on the embedded default.
/// </summary>
public sealed class ScheduleFiringTests : IAsyncLifetime
{
    readonly string _file = Path.Combine(Path.GetTempPath(), $"sagas-{Guid.NewGuid():N}.db");
    readonly AdjustableClock _clock = new();

    [Fact]
    public async Task A_cron_tick_starts_exactly_one_workflow_and_a_repeated_start_of_that_tick_is_ignored()
    {
        await using var host = await ScheduleHost.StartAsync(OrchestratorHost.Embedded(_file), _clock);
        await CreateAsync(host, new { name = "daily", cron = "0 9 * * *", workflow = "DailyReport" });
        var fire = await host.NextFireTimeAsync("daily");
        Assert.Equal(new TimeSpan(9, 0, 0), fire.UtcDateTime.TimeOfDay);

        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Empty(await host.SagasAsync<DailyReportState>());

        _clock.AdvanceTo(fire);
        await ScheduleHost.WaitUntilAsync(async () => (await host.SagasAsync<DailyReportState>()).Any(s => s.CompletedAt is not null), "the tick's run to complete");
        var run = ScheduledRun.For("daily", fire, TimeZoneInfo.Utc);
        var saga = Assert.Single(await host.SagasAsync<DailyReportState>());
        Assert.Equal(run.RunId, saga.CorrelationId);
        Assert.Equal(DateOnly.FromDateTime(fire.UtcDateTime).AddDays(-1), saga.ReportDate);
        Assert.Equal(fire.AddDays(1), await host.NextFireTimeAsync("daily"));
        var report = await host.LedgerAsync(db => db.DailyReports.AsNoTracking().SingleAsync());
        Assert.Equal(saga.ReportDate, report.ReportDate);

        // The job running twice for one fire publishes this same start again, with the same or a new message id.
        var history = await HistoryCountAsync(host, saga.CorrelationId);
        var starter = host.Services.GetRequiredService<WorkflowRegistry>().Find("DailyReport")!;
        await using (var scope = host.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<IScheduleRuns>().StartAsync(starter.CreateStart(null, run), run.RunId, CancellationToken.None);
        await host.Bus.Publish(starter.CreateStart(null, run), starter.MessageType);
        await Task.Delay(TimeSpan.FromSeconds(3));

        saga = Assert.Single(await host.SagasAsync<DailyReportState>());
        Assert.Equal("Completed", saga.CurrentState);
        Assert.Equal(history, await HistoryCountAsync(host, saga.CorrelationId));
        Assert.Single(await host.LedgerAsync(db => db.DailyReports.AsNoTracking().ToListAsync()));
    }

    [Fact]
    public async Task An_interval_schedule_first_fires_one_interval_after_creation_and_then_once_per_interval()
    {
        await using var host = await ScheduleHost.StartAsync(OrchestratorHost.Embedded(_file), _clock);
        var created = _clock.GetUtcNow();
        await CreateAsync(host, new { name = "hourly", interval = "01:00:00", workflow = "DailyReport", overlap = "AllowAll", input = new { reportDate = "2026-11-01" } });

        var first = await host.NextFireTimeAsync("hourly");
        Assert.InRange(first - created, TimeSpan.FromMinutes(59), TimeSpan.FromMinutes(61));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Empty(await host.SagasAsync<DailyReportState>());

        _clock.AdvanceTo(first);
        await WaitForRunsAsync(host, ("hourly", [first]));
        var second = await TickAsync(host, "hourly");
        Assert.Equal(TimeSpan.FromHours(1), second - first);
        await WaitForRunsAsync(host, ("hourly", [first, second]));
        await ScheduleHost.WaitUntilAsync(async () => (await host.SagasAsync<DailyReportState>()).All(s => s.CompletedAt is not null), "both runs to complete");
    }

    [Fact]
    public async Task A_jittered_fire_holds_no_scheduler_thread_and_starts_its_run_once_at_its_random_moment()
    {
        // One Quartz thread: a fire that slept out its jitter on it would stop every other timer.
        var settings = OrchestratorHost.Embedded(_file);
        settings["Sagas:Scheduler:MaxConcurrency"] = "1";
        await using var host = await ScheduleHost.StartAsync(settings, _clock);
        await CreateAsync(host, new { name = "jittery", cron = "0 9 * * *", workflow = "DailyReport", jitter = "01:00:00", input = new { reportDate = "2026-11-01" } });
        await CreateAsync(host, new { name = "plain", cron = "0 0 1 1 *", workflow = "DailyReport", input = new { reportDate = "2026-11-02" } });
        var fire = await host.NextFireTimeAsync("jittery");

        _clock.AdvanceTo(fire);
        var startAt = await Eventually.MatchAsync<List<long>>(async () => await host.QueryAsync(db => db.Database.SqlQuery<long>(
                $"SELECT NEXT_FIRE_TIME AS \"Value\" FROM qrtz_TRIGGERS WHERE TRIGGER_GROUP = 'workflow-schedules.jitter'").ToListAsync()),
            t => t.Count == 1, "the jittered start to wait on its own trigger");
        using (var now = await host.Http.PostAsync("/api/schedules/plain/trigger", null))
            now.EnsureSuccessStatusCode();
        await ScheduleHost.WaitUntilAsync(async () => (await host.SagasAsync<DailyReportState>()).Count == 1, "a run asked for now to start meanwhile");
        Assert.DoesNotContain(await host.SagasAsync<DailyReportState>(), s => s.CorrelationId == ScheduledRun.For("jittery", fire, TimeZoneInfo.Utc).RunId);

        _clock.AdvanceTo(new DateTimeOffset(startAt.Single(), TimeSpan.Zero));
        await ScheduleHost.WaitUntilAsync(async () => (await host.SagasAsync<DailyReportState>()).Count == 2, "the jittered run to start");
        await Task.Delay(TimeSpan.FromSeconds(2));
        var runs = await host.SagasAsync<DailyReportState>();
        Assert.Single(runs, s => s.CorrelationId == ScheduledRun.For("jittery", fire, TimeZoneInfo.Utc).RunId);
        Assert.Equal(2, runs.Count);
    }

    [Fact]
    public async Task Overlap_Skip_drops_a_tick_while_its_last_run_is_running_and_AllowAll_starts_every_tick()
    {
        // Without activities a report never completes: each run stays running until the test ends it.
        var settings = OrchestratorHost.Embedded(_file);
        settings["Sagas:HostActivities"] = "false";
        KeepRunsWaiting(settings);
        await using var host = await ScheduleHost.StartAsync(settings, _clock);
        await CreateAsync(host, new { name = "skip", cron = "0 9 * * *", workflow = "DailyReport", overlap = "Skip" });
        await CreateAsync(host, new { name = "all", cron = "0 9 * * *", workflow = "DailyReport", overlap = "AllowAll" });

        var first = await TickAsync(host, "skip");
        await WaitForRunsAsync(host, ("skip", [first]), ("all", [first]));

        var second = await TickAsync(host, "skip");
        await WaitForRunsAsync(host, ("skip", [first]), ("all", [first, second]));
        await ScheduleHost.WaitUntilAsync(async () => (await DescribeAsync(host, "skip")).LastOutcome == "Skipped", "skip to record the skipped tick");
        Assert.Equal(ScheduledRun.For("skip", first, TimeZoneInfo.Utc).RunId, (await DescribeAsync(host, "skip")).LastRunId);

        await FinishAsync(host, ScheduledRun.For("skip", first, TimeZoneInfo.Utc).RunId);
        var third = await TickAsync(host, "skip");
        await WaitForRunsAsync(host, ("skip", [first, third]), ("all", [first, second, third]));
    }

    [Fact]
    public async Task Overlap_BufferOne_keeps_one_tick_and_starts_it_when_the_running_run_finishes()
    {
        var settings = OrchestratorHost.Embedded(_file);
        settings["Sagas:HostActivities"] = "false";
        KeepRunsWaiting(settings);
        settings["Sagas:Schedules:BufferPollInterval"] = "00:00:01";
        await using var host = await ScheduleHost.StartAsync(settings, _clock);
        await CreateAsync(host, new { name = "buffered", cron = "0 9 * * *", workflow = "DailyReport", overlap = "BufferOne" });

        var first = await TickAsync(host, "buffered");
        await WaitForRunsAsync(host, ("buffered", [first]));
        var second = await TickAsync(host, "buffered");
        await ScheduleHost.WaitUntilAsync(async () => (await DescribeAsync(host, "buffered")).BufferedFire == second, "the second tick to wait in the buffer");
        await TickAsync(host, "buffered");
        await ScheduleHost.WaitUntilAsync(async () => (await DescribeAsync(host, "buffered")).LastOutcome == "Skipped", "the third tick to be dropped");
        await Task.Delay(TimeSpan.FromSeconds(2));
        await WaitForRunsAsync(host, ("buffered", [first]));

        await FinishAsync(host, ScheduledRun.For("buffered", first, TimeZoneInfo.Utc).RunId);
        await WaitForRunsAsync(host, ("buffered", [first, second]));
        await ScheduleHost.WaitUntilAsync(async () => (await DescribeAsync(host, "buffered")).BufferedFire is null, "the buffer to empty");
        await Task.Delay(TimeSpan.FromSeconds(2));
        await WaitForRunsAsync(host, ("buffered", [first, second]));
    }

    [Fact]
    public async Task Fires_missed_while_no_scheduler_ran_are_caught_up_once_by_RunOnce_and_dropped_by_Skip()
    {
        var settings = OrchestratorHost.Embedded(_file);
        settings["Sagas:HostActivities"] = "false";
        KeepRunsWaiting(settings);
        await using var host = await ScheduleHost.StartAsync(settings, _clock);
        await CreateAsync(host, new { name = "catch-up", cron = "0 * * * *", workflow = "DailyReport", overlap = "AllowAll", misfire = "RunOnce" });
        await CreateAsync(host, new { name = "drop", cron = "0 * * * *", workflow = "DailyReport", overlap = "AllowAll", misfire = "Skip" });

        // Three and a half hours pass in an instant: three fires each, all far past Quartz's misfire threshold.
        _clock.Advance(TimeSpan.FromHours(3.5));
        await ScheduleHost.WaitUntilAsync(async () => (await host.SagasAsync<DailyReportState>()).Count >= 1, "the catch-up run", TimeSpan.FromMinutes(3));
        await ScheduleHost.WaitUntilAsync(async () => await host.NextFireTimeAsync("drop") > _clock.GetUtcNow(), "Skip to move past the missed fires", TimeSpan.FromMinutes(3));
        await Task.Delay(TimeSpan.FromSeconds(3));

        var run = Assert.Single(await host.SagasAsync<DailyReportState>());
        Assert.Equal((await DescribeAsync(host, "catch-up")).LastRunId, run.CorrelationId);
        Assert.Null((await DescribeAsync(host, "drop")).LastRunId);
        Assert.True(await host.NextFireTimeAsync("catch-up") > _clock.GetUtcNow());
    }

    async Task<DateTimeOffset> TickAsync(ScheduleHost host, string schedule)
    {
        var fire = await host.NextFireTimeAsync(schedule);
        _clock.AdvanceTo(fire);
        return fire;
    }

    /// <summary>Waits until the sagas are exactly the runs of these schedules' ticks, nothing more.</summary>
    static async Task WaitForRunsAsync(ScheduleHost host, params (string Schedule, DateTimeOffset[] Ticks)[] expected)
    {
        var ids = expected.SelectMany(e => e.Ticks.Select(t => ScheduledRun.For(e.Schedule, t, TimeZoneInfo.Utc).RunId)).ToHashSet();
        var actual = new HashSet<Guid>();
        try
        {
            await ScheduleHost.WaitUntilAsync(async () =>
            {
                actual = (await host.SagasAsync<DailyReportState>()).Select(s => s.CorrelationId).ToHashSet();
                return actual.SetEquals(ids);
            }, "the expected runs");
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Expected runs {string.Join(", ", ids)}; found {string.Join(", ", actual)}");
        }
    }

    static async Task FinishAsync(ScheduleHost host, Guid runId) =>
        await host.QueryAsync(db => db.Set<DailyReportState>().Where(s => s.CorrelationId == runId)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.CurrentState, "Completed").SetProperty(x => x.CompletedAt, DateTime.UtcNow)));

    static Task<int> HistoryCountAsync(ScheduleHost host, Guid id) =>
        host.QueryAsync(db => db.Set<SagaHistoryEntry>().CountAsync(h => h.CorrelationId == id));

    internal static async Task CreateAsync(ScheduleHost host, object request)
    {
        using var response = await host.CreateAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    internal static async Task<ScheduleView> DescribeAsync(ScheduleHost host, string name) =>
        await host.Http.GetFromJsonAsync<ScheduleView>($"/api/schedules/{name}") ?? throw new InvalidOperationException("no body");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(_file) + "*"))
            File.Delete(file);
        return Task.CompletedTask;
    }

    /// <summary>
    /// A run's step timer is set from the real clock, but each tick moves Quartz's clock a day on:
    /// a short timer would fire at once and let the step give up, ending the run the test keeps running.
    /// </summary>
    static void KeepRunsWaiting(Dictionary<string, string?> settings) =>
        settings[$"Sagas:Activities:{DailyReportStateMachine.ComputeStep}:StartToClose"] = "365.00:00:00";
}
