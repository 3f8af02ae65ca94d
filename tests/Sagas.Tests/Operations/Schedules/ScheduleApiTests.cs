using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Sagas.Operations.Schedules;
using Sagas.Orchestrator.Workflows.DailyReports;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Operations.Schedules;

/// <summary>The schedules API on the embedded default: what it refuses and why, and a schedule's whole life.</summary>
public sealed class ScheduleApiTests : IAsyncLifetime
{
    readonly string _file = Path.Combine(Path.GetTempPath(), $"sagas-{Guid.NewGuid():N}.db");

    public static TheoryData<string, string> InvalidSpecs => new()
    {
        { """{"name":"r","cron":"61 9 * * *","workflow":"DailyReport"}""", "not a valid 5-field" },
        { """{"name":"r","cron":"0 9 * *","workflow":"DailyReport"}""", "must have 5 fields" },
        { """{"name":"r","cron":"0 99 * * *","workflow":"DailyReport"}""", "hour 99 is outside 0-23" },
        { """{"name":"r","cron":"0 0 25 * * ?","workflow":"DailyReport"}""", "not a valid Quartz" },
        { """{"name":"r","cron":"0 9 * * *","timeZone":"Mars/Olympus_Mons","workflow":"DailyReport"}""", "unknown time zone 'Mars/Olympus_Mons'" },
        { """{"name":"r","cron":"0 9 * * *","workflow":"Nope"}""", "unknown workflow 'Nope'" },
        { """{"name":"r","cron":"0 9 * * *","interval":"00:01:00","workflow":"DailyReport"}""", "exactly one of cron and interval" },
        { """{"name":"r","workflow":"DailyReport"}""", "exactly one of cron and interval" },
        { """{"name":"r","interval":"soon","workflow":"DailyReport"}""", "interval 'soon' is not a positive duration" },
        { """{"name":"r","interval":"00:00:00.5","workflow":"DailyReport"}""", "interval must be at least" },
        { """{"name":"r","cron":"0 9 * * *","workflow":"DailyReport","input":{"reportDate":"yesterday"}}""", "input is not a valid StartDailyReport" },
        { """{"name":"r","cron":"0 9 * * *","workflow":"DailyReport","input":{"colour":"blue"}}""", "input is not a valid StartDailyReport" },
        { """{"name":"r","cron":"0 9 * * *","workflow":"DailyReport","input":[1,2]}""", "input must be a JSON object" },
        { """{"name":"b","cron":"0 9 1 * *","workflow":"BonusCalculation","input":{"amount":-5}}""", "amount must be greater than zero" },
        { """{"name":"r","cron":"0 9 * * *","workflow":"DailyReport","overlap":"Sometimes"}""", "overlap must be one of Skip, AllowAll, BufferOne" },
        { """{"name":"r","cron":"0 9 * * *","workflow":"DailyReport","misfire":"Later"}""", "misfire must be one of RunOnce, Skip" },
        { """{"name":"has space","cron":"0 9 * * *","workflow":"DailyReport"}""", "name is required" },
        { """{"name":"r","cron":"0 9 * * *","workflow":"DailyReport","start":"2030-01-02T00:00:00Z","end":"2030-01-01T00:00:00Z"}""", "end must be after start" },
        { """{"name":"r","cron":"0 9 * * *","workflow":"DailyReport","input":{"reportDate":"2026-11-01"}""", "the body is not valid JSON" },
    };

    [Theory]
    [MemberData(nameof(InvalidSpecs))]
    public async Task An_invalid_schedule_is_refused_with_its_reason(string body, string reason)
    {
        await using var host = await ScheduleHost.StartAsync(OrchestratorHost.Embedded(_file));

        using var response = await host.Http.PostAsync("/api/schedules", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await host.Http.GetFromJsonAsync<List<ScheduleView>>("/api/schedules") ?? []);
    }

    [Fact]
    public async Task A_schedule_is_created_listed_described_paused_resumed_run_now_and_deleted()
    {
        await using var host = await ScheduleHost.StartAsync(OrchestratorHost.Embedded(_file));
        var request = new { name = "reports", cron = "0 9 * * *", timeZone = "Europe/Paris", workflow = "DailyReport", input = new { reportDate = "2026-11-01" } };

        using (var created = await host.CreateAsync(request))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal("/api/schedules/reports", created.Headers.Location?.ToString());
        }

        using (var again = await host.CreateAsync(request with { }))
            Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var listed = Assert.Single(await host.Http.GetFromJsonAsync<List<ScheduleView>>("/api/schedules") ?? []);
        Assert.Equal("reports", listed.Spec.Name);
        Assert.Equal("Normal", listed.State);
        Assert.Equal(5, listed.NextFireTimes.Count);
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        Assert.All(listed.NextFireTimes, t => Assert.Equal(new TimeSpan(9, 0, 0), TimeZoneInfo.ConvertTime(t, paris).TimeOfDay));
        Assert.InRange(listed.NextFireTimes[4] - listed.NextFireTimes[0], TimeSpan.FromHours(95), TimeSpan.FromHours(97));

        Assert.Equal(HttpStatusCode.NoContent, (await host.Http.PostAsync("/api/schedules/reports/pause", null)).StatusCode);
        Assert.Equal("Paused", (await DescribeAsync(host, "reports")).State);
        Assert.Equal(HttpStatusCode.NoContent, (await host.Http.PostAsync("/api/schedules/reports/resume", null)).StatusCode);
        Assert.Equal("Normal", (await DescribeAsync(host, "reports")).State);

        Assert.Equal(HttpStatusCode.Accepted, (await host.Http.PostAsync("/api/schedules/reports/trigger", null)).StatusCode);
        await ScheduleHost.WaitUntilAsync(async () => (await host.SagasAsync<DailyReportState>()).Any(s => s.CompletedAt is not null), "the run to complete");
        var run = Assert.Single(await host.SagasAsync<DailyReportState>());
        Assert.Equal(new DateOnly(2026, 11, 1), run.ReportDate);
        await ScheduleHost.WaitUntilAsync(async () => (await DescribeAsync(host, "reports")).LastRunId == run.CorrelationId, "the schedule to remember its run");
        Assert.Equal("Started", (await DescribeAsync(host, "reports")).LastOutcome);
        var report = await host.LedgerAsync(db => db.DailyReports.AsNoTracking().SingleAsync());
        Assert.Equal(new DateOnly(2026, 11, 1), report.ReportDate);

        Assert.Equal(HttpStatusCode.NoContent, (await host.Http.DeleteAsync("/api/schedules/reports")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.GetAsync("/api/schedules/reports")).StatusCode);
        Assert.Empty(await host.Http.GetFromJsonAsync<List<ScheduleView>>("/api/schedules") ?? []);
        foreach (var action in new[] { "pause", "resume", "trigger" })
            Assert.Equal(HttpStatusCode.NotFound, (await host.Http.PostAsync($"/api/schedules/reports/{action}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Http.DeleteAsync("/api/schedules/reports")).StatusCode);
    }

    [Fact]
    public async Task Configured_default_schedules_are_created_at_start_and_never_overwritten()
    {
        var settings = OrchestratorHost.Embedded(_file);
        settings["Sagas:Schedules:Defaults:daily-report:Cron"] = "0 9 * * *";
        settings["Sagas:Schedules:Defaults:daily-report:Workflow"] = "DailyReport";
        await using (var host = await ScheduleHost.StartAsync(settings))
        {
            var view = await DescribeAsync(host, "daily-report");
            Assert.Equal(("0 9 * * *", "DailyReport", ScheduleOverlap.Skip, "Normal"), (view.Spec.Cron, view.Spec.Workflow, view.Spec.Overlap, view.State));
            Assert.Equal(HttpStatusCode.NoContent, (await host.Http.PostAsync("/api/schedules/daily-report/pause", null)).StatusCode);
        }

        settings["Sagas:Schedules:Defaults:daily-report:Cron"] = "0 10 * * *";
        await using (var host = await ScheduleHost.StartAsync(settings))
        {
            var view = await DescribeAsync(host, "daily-report");
            Assert.Equal(("0 9 * * *", "Paused"), (view.Spec.Cron, view.State));
        }
    }

    static async Task<ScheduleView> DescribeAsync(ScheduleHost host, string name) =>
        await host.Http.GetFromJsonAsync<ScheduleView>($"/api/schedules/{name}") ?? throw new InvalidOperationException("no body");

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(_file) + "*"))
            File.Delete(file);
        return Task.CompletedTask;
    }
}
