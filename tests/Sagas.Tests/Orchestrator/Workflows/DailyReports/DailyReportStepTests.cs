using Microsoft.EntityFrameworkCore;
using Sagas.Contracts;
using Sagas.Orchestrator.Workflows.DailyReports;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Orchestrator.Workflows.DailyReports;

/// <summary>
/// A report whose activity never answers is asked again and then given up on: the run ends
/// <c>Failed</c> with the reason, so a schedule that skips overlapping runs can start the next one.
/// </summary>
public sealed class DailyReportStepTests : IAsyncLifetime
{
    readonly string _file = Path.Combine(Path.GetTempPath(), $"sagas-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task A_report_nobody_computes_fails_after_its_attempts_instead_of_running_for_ever()
    {
        var settings = OrchestratorHost.Embedded(_file);
        settings["Sagas:HostActivities"] = "false";
        settings["Sagas:Activities:ComputeDailyReport:StartToClose"] = "00:00:01";
        settings["Sagas:Activities:ComputeDailyReport:MaxAttempts"] = "2";
        await using var host = await OrchestratorHost.StartAsync(settings);
        var id = Guid.NewGuid();

        await host.Bus.Publish(new StartDailyReport { ReportId = id, ReportDate = new DateOnly(2026, 11, 22) });

        var report = await Eventually.MatchAsync(
            () => host.QueryAsync(db => db.Set<DailyReportState>().AsNoTracking().SingleOrDefaultAsync(x => x.CorrelationId == id)),
            saga => saga?.CompletedAt is not null, $"report {id} to end");
        Assert.Equal("Failed", report!.CurrentState);
        Assert.Equal("ComputeDailyReport did not answer after 2 attempts", report.FailureReason);
        Assert.Equal(2, report.StepAttempt);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(_file) + "*"))
            File.Delete(file);
        return Task.CompletedTask;
    }
}
