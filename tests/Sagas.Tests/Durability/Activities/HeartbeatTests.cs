using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Durability.Activities;

/// <summary>
/// Heartbeat timeouts on step deadlines: a step that keeps reporting outlives its heartbeat
/// timeout; one that goes silent is sent again from the progress it last reported.
/// </summary>
public sealed class HeartbeatTests : IAsyncLifetime
{
    readonly string _file = Path.Combine(Path.GetTempPath(), $"sagas-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task A_step_that_keeps_heartbeating_runs_past_its_heartbeat_timeout()
    {
        var script = new PollScript { Tick = TimeSpan.FromMilliseconds(500) };
        await using var host = await StartAsync(script);
        var id = Guid.NewGuid();

        // Ten checks half a second apart: five seconds against a two-second heartbeat timeout.
        await host.Bus.Publish(new StartPolling(id, Target: 10));
        var saga = await WaitForEndAsync(host, id);

        Assert.Equal("Finished", saga.CurrentState);
        Assert.Equal(1, saga.StepAttempt);
        Assert.Equal([(1, 0L)], script.Sends);
    }

    [Fact]
    public async Task A_step_that_stops_heartbeating_is_sent_again_from_its_last_progress()
    {
        var script = new PollScript { HangAfterChecks = attempt => attempt == 1 ? 3 : null };
        await using var host = await StartAsync(script);
        var id = Guid.NewGuid();

        await host.Bus.Publish(new StartPolling(id, Target: 6));
        var saga = await WaitForEndAsync(host, id);

        Assert.Equal("Finished", saga.CurrentState);
        Assert.Equal(2, saga.StepAttempt);
        Assert.Equal([(1, 0L), (2, 3L)], script.Sends);
    }

    Task<OrchestratorHost> StartAsync(PollScript script)
    {
        var settings = OrchestratorHost.Embedded(_file);
        settings["Sagas:HostActivities"] = "false";
        settings["Sagas:Activities:Poll:StartToClose"] = "00:01:00";
        settings["Sagas:Activities:Poll:HeartbeatTimeout"] = "00:00:02";
        return OrchestratorHost.StartAsync(settings, bus =>
        {
            bus.AddSingleton(script);
            bus.AddSagaStateMachine<PollingStateMachine, PollingState>().InMemoryRepository();
            bus.AddHostedService<InMemoryStepDeadlines<PollingState>>();
            bus.AddConsumer<PollConsumer>();
        });
    }

    static async Task<PollingState> WaitForEndAsync(OrchestratorHost host, Guid id)
    {
        var sagas = host.Services.GetRequiredService<ILoadSagaRepository<PollingState>>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var saga = await sagas.Load(id);
            if (saga is { CompletedAt: not null })
                return saga;
            await Task.Delay(200);
        }

        throw new TimeoutException($"Polling {id} did not end within a minute.");
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
