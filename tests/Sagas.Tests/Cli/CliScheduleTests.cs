using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sagas.Orchestrator.Data;
using Sagas.Orchestrator.Workflows.DailyReports;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Cli;

/// <summary><c>sagas schedules …</c> on a running orchestrator: a schedule's whole life, and what is refused.</summary>
[Collection(CliCollection.Name)]
public sealed class CliScheduleTests(CliHost host)
{
    [Fact]
    public async Task A_schedule_is_created_listed_paused_resumed_triggered_and_deleted()
    {
        var name = $"reports-{Guid.NewGuid():N}"[..16];

        var created = (await host.RunAsync("schedules", "create", name, "--workflow", "DailyReport", "--cron", "0 9 * * *", "--time-zone", "Europe/Paris")).Succeeded();
        Assert.StartsWith($"Created schedule {name}; next fire 20", created.Out, StringComparison.Ordinal);

        var rows = (await host.RunAsync("schedules", "list")).Succeeded().Rows();
        Assert.Equal(["NAME", "WORKFLOW", "WHEN", "STATE", "NEXT FIRE"], rows[0][..5]);
        var row = Assert.Single(rows, r => r[0] == name);
        Assert.Equal(["DailyReport", "cron 0 9 * * * (Europe/Paris)", "Normal"], row[1..4]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT0[78]:00:00Z$", row[4]);

        Assert.Equal($"Paused schedule {name}", (await host.RunAsync("schedules", "pause", name)).Succeeded().Out.Trim());
        Assert.Equal("Paused", State(await host.RunAsync("schedules", "show", name)));
        (await host.RunAsync("schedules", "resume", name)).Succeeded();
        Assert.Equal("Normal", (await host.RunAsync("schedules", "show", name, "--json")).Succeeded().Json.GetProperty("state").GetString());

        var before = await ReportsAsync();
        (await host.RunAsync("schedules", "trigger", name)).Succeeded();
        await Eventually.TrueAsync(async () => await ReportsAsync() > before, "the triggered run to start");

        (await host.RunAsync("schedules", "delete", name)).Succeeded();
        Assert.DoesNotContain((await host.RunAsync("schedules", "list", "--json")).Succeeded().Json.EnumerateArray(),
            s => s.GetProperty("spec").GetProperty("name").GetString() == name);
        Assert.Equal(3, (await host.RunAsync("schedules", "delete", name)).ExitCode);
        Assert.Equal(3, (await host.RunAsync("schedules", "pause", name)).ExitCode);
    }

    [Fact]
    public async Task A_taken_name_is_a_conflict_and_a_bad_cron_is_refused_with_its_reason()
    {
        var name = $"taken-{Guid.NewGuid():N}"[..14];
        (await host.RunAsync("schedules", "create", name, "--workflow", "DailyReport", "--interval", "01:00:00")).Succeeded();

        var taken = await host.RunAsync("schedules", "create", name, "--workflow", "DailyReport", "--interval", "01:00:00");
        Assert.Equal(4, taken.ExitCode);
        Assert.Contains("exists already", taken.Err, StringComparison.Ordinal);

        var badCron = await host.RunAsync("schedules", "create", "bad-cron", "--workflow", "DailyReport", "--cron", "0 99 * * *");
        Assert.Equal(1, badCron.ExitCode);
        Assert.Contains("hour 99 is outside 0-23", badCron.Err, StringComparison.Ordinal);
        Assert.Equal("", badCron.Out);

        var both = await host.RunAsync("schedules", "create", "both", "--workflow", "DailyReport", "--cron", "0 9 * * *", "--interval", "01:00:00");
        Assert.Equal(2, both.ExitCode);
        Assert.Contains("exactly one of --cron and --interval", both.Err, StringComparison.Ordinal);

        (await host.RunAsync("schedules", "delete", name)).Succeeded();
    }

    static string State(CliRun show) => show.Succeeded().Rows().Single(r => r[0] == "state")[1];

    async Task<int> ReportsAsync()
    {
        await using var scope = host.Api.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SagasDbContext>().Set<DailyReportState>().CountAsync();
    }
}
