using Microsoft.EntityFrameworkCore;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Durability.Scheduling;

/// <summary>
/// Two orchestrators on one PostgreSQL database run one Quartz cluster: every timer fires once,
/// on whichever node acquires it. The receiving consumer has no inbox, so a double fire would show.
/// </summary>
public sealed class ClusteredSchedulerTests
{
    const int Timers = 60;

    [Fact]
    public async Task Two_orchestrators_on_one_database_fire_each_timer_exactly_once()
    {
        await using var database = await TestServers.CreatePostgresDatabaseAsync();
        await using var broker = await TestServers.CreateRabbitMqVirtualHostAsync();
        var log = new ProbeLog();
        var settings = OrchestratorHost.RealStack(database.ConnectionString, broker.ConnectionString);
        settings["Sagas:HostActivities"] = "false";
        await using var first = await OrchestratorHost.StartAsync(settings, bus => ProbeLog.Register(bus, log));
        await using var second = await OrchestratorHost.StartAsync(settings, bus => ProbeLog.Register(bus, log));

        var probes = Enumerable.Range(0, Timers).Select(_ => Guid.NewGuid()).ToList();
        foreach (var (probe, i) in probes.Select((p, i) => (p, i)))
            await (i % 2 == 0 ? first : second).Bus.Publish(new SchedulingProbe(probe, ProbeAction.Schedule, TimeSpan.FromSeconds(4)));

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (probes.Any(p => log.FiredCount(p) == 0) && DateTime.UtcNow < deadline)
            await Task.Delay(200);
        await Task.Delay(TimeSpan.FromSeconds(5));

        Assert.All(probes, p => Assert.Equal(1, log.FiredCount(p)));
        var nodes = await first.QueryAsync(db => db.Database.SqlQueryRaw<int>("SELECT COUNT(*)::int AS \"Value\" FROM qrtz_scheduler_state").SingleAsync());
        Assert.Equal(2, nodes);
    }
}
