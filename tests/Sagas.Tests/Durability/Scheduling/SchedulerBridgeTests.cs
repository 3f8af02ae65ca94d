using MassTransit;
using MassTransit.Scheduling;
using Microsoft.EntityFrameworkCore;
using Sagas.Durability.Outbox;
using Sagas.Testing;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Durability.Scheduling;

/// <summary>
/// MassTransit's scheduling contracts on our Quartz bridge, asked for from inside a consumer
/// behind the transactional outbox: the combinations MassTransit users report failing with
/// the official packages each have a case here.
/// </summary>
public sealed class SchedulerBridgeTests : IAsyncLifetime
{
    static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    readonly string _file = Path.Combine(Path.GetTempPath(), $"sagas-{Guid.NewGuid():N}.db");
    readonly ProbeLog _log = new();
    readonly AdjustableClock _clock = new();

    [Fact]
    public async Task A_timer_scheduled_through_the_outbox_fires_once_when_due()
    {
        await using var host = await StartAsync();
        var probe = Guid.NewGuid();

        await host.Bus.Publish(new SchedulingProbe(probe, ProbeAction.Schedule, TimeSpan.FromDays(7)));
        await WaitForTriggerAsync(host, probe);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(0, _log.FiredCount(probe));

        _clock.AdvanceTo(await NextFireTimeAsync(host));
        await WaitUntilAsync(() => _log.FiredCount(probe) == 1, "the timer to fire");
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(1, _log.FiredCount(probe));
    }

    [Fact]
    public async Task A_timer_requested_after_its_due_time_fires_at_once()
    {
        await using var host = await StartAsync();
        var probe = Guid.NewGuid();
        // Quartz's now runs ten minutes ahead: the request arrives long overdue, as one does behind a
        // backlog in the scheduler queue (a redelivery due 200 ms later, consumed minutes later).
        _clock.Advance(TimeSpan.FromMinutes(10));

        await host.Bus.Publish(new SchedulingProbe(probe, ProbeAction.Schedule, TimeSpan.FromSeconds(1)));
        await WaitUntilAsync(() => _log.FiredCount(probe) == 1, "the overdue timer to fire before Quartz's next misfire pass, a minute on");
    }

    [Fact]
    public async Task A_timer_cancelled_through_the_outbox_never_fires()
    {
        await using var host = await StartAsync();
        var probe = Guid.NewGuid();

        await host.Bus.Publish(new SchedulingProbe(probe, ProbeAction.Schedule, TimeSpan.FromHours(1)));
        await WaitForTriggerAsync(host, probe);
        await host.Bus.Publish(new SchedulingProbe(probe, ProbeAction.Cancel));
        await WaitUntilAsync(async () => await TriggerCountAsync(host) == 0, "the trigger to be removed");

        _clock.Advance(TimeSpan.FromHours(2));
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Equal(0, _log.FiredCount(probe));
    }

    [Fact]
    public async Task A_cancel_that_overtakes_its_schedule_still_wins()
    {
        await using var host = await StartAsync();
        var probe = Guid.NewGuid();
        var token = Guid.NewGuid();
        var scheduler = await host.Bus.GetSendEndpoint(new Uri("queue:scheduler"));

        await scheduler.Send<CancelScheduledMessage>(new { CorrelationId = token, Timestamp = DateTime.UtcNow, TokenId = token });
        await WaitUntilAsync(async () => await host.QueryAsync(db => db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM qrtz_JOB_DETAILS WHERE JOB_GROUP = 'cancelled'").SingleAsync()) == 1,
            "the cancellation to be remembered");
        await scheduler.Send<ScheduleMessage>(new
        {
            CorrelationId = token,
            ScheduledTime = DateTime.UtcNow.AddMinutes(1),
            PayloadType = new[] { MessageUrn.ForTypeString<ProbeFired>() },
            Destination = SchedulingProbeConsumer.FiredAddress,
            Payload = new ProbeFired(probe),
        });

        await Task.Delay(TimeSpan.FromSeconds(3));
        _clock.Advance(TimeSpan.FromMinutes(5));
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Equal(0, _log.FiredCount(probe));
        Assert.Equal(0, await TriggerCountAsync(host));
    }

    /// <summary>
    /// The same request again after its timer fired (an outbox row sent again by another process, a
    /// delivery whose ack died with a broker node) does not schedule the timer anew.
    /// </summary>
    [Fact]
    public async Task A_schedule_request_delivered_again_after_its_timer_fired_does_not_fire_it_again()
    {
        await using var host = await StartAsync();
        var probe = Guid.NewGuid();
        var (token, requestId) = (Guid.NewGuid(), Guid.NewGuid());
        var scheduler = await host.Bus.GetSendEndpoint(new Uri("queue:scheduler"));
        var request = new
        {
            CorrelationId = token,
            ScheduledTime = DateTime.UtcNow,
            PayloadType = new[] { MessageUrn.ForTypeString<ProbeFired>() },
            Destination = SchedulingProbeConsumer.FiredAddress,
            Payload = new ProbeFired(probe),
        };

        await scheduler.Send<ScheduleMessage>(request, context => context.MessageId = requestId);
        await WaitUntilAsync(() => _log.FiredCount(probe) == 1, "the timer to fire");
        await scheduler.Send<ScheduleMessage>(request, context => context.MessageId = requestId);
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Equal(1, _log.FiredCount(probe));
        Assert.Equal(0, await TriggerCountAsync(host));
    }

    [Fact]
    public async Task A_recurring_schedule_through_the_outbox_fires_each_period_and_can_be_cancelled_and_scheduled_again()
    {
        await using var host = await StartAsync();
        var probe = Guid.NewGuid();

        await host.Bus.Publish(new SchedulingProbe(probe, ProbeAction.ScheduleHourly));
        await WaitForTriggerAsync(host, probe);
        for (var hour = 1; hour <= 2; hour++)
        {
            _clock.AdvanceTo(await NextFireTimeAsync(host));
            var expected = hour;
            await WaitUntilAsync(() => _log.FiredCount(probe) == expected, $"fire {hour}");
        }

        // Each fire is a new message to the receiver's inbox, or the second would be dropped.
        Assert.Equal(2, _log.Fired.Where(f => f.ProbeId == probe).Select(f => f.MessageId).Distinct().Count());

        await host.Bus.Publish(new SchedulingProbe(probe, ProbeAction.CancelHourly));
        await WaitUntilAsync(async () => await TriggerCountAsync(host) == 0, "the recurring trigger to be removed");
        _clock.Advance(TimeSpan.FromHours(1));
        await Task.Delay(TimeSpan.FromSeconds(4));
        Assert.Equal(2, _log.FiredCount(probe));

        await host.Bus.Publish(new SchedulingProbe(probe, ProbeAction.ScheduleHourly));
        await WaitForTriggerAsync(host, probe);
        _clock.AdvanceTo(await NextFireTimeAsync(host));
        await WaitUntilAsync(() => _log.FiredCount(probe) == 3, "a fire after rescheduling the cancelled schedule");
    }

    [Fact]
    public async Task A_timer_survives_a_restart_and_fires_once()
    {
        var probe = Guid.NewGuid();
        await using (var first = await StartAsync())
        {
            await first.Bus.Publish(new SchedulingProbe(probe, ProbeAction.Schedule, TimeSpan.FromDays(1)));
            await WaitForTriggerAsync(first, probe);
            // A request still kept would be delivered again at the restart and, consumed after the
            // fire, store the one-shot trigger again: the timer would fire twice.
            await WaitUntilAsync(async () => await first.QueryAsync(db => db.Set<OutboxMessage>().CountAsync()) == 0,
                "the consumed schedule request to leave the outbox");
        }

        await using var second = await StartAsync();
        _clock.AdvanceTo(await NextFireTimeAsync(second));
        await WaitUntilAsync(() => _log.FiredCount(probe) == 1, "the timer to fire after the restart");
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(1, _log.FiredCount(probe));
    }

    Task<OrchestratorHost> StartAsync()
    {
        var settings = OrchestratorHost.Embedded(_file);
        settings["Sagas:HostActivities"] = "false";
        return OrchestratorHost.StartAsync(settings, bus => ProbeLog.Register(bus, _log), _clock);
    }

    static Task<int> TriggerCountAsync(OrchestratorHost host) =>
        host.QueryAsync(db => db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM qrtz_TRIGGERS WHERE JOB_NAME = 'send-scheduled-message'").SingleAsync());

    /// <summary>Quartz stores fire times as UTC ticks.</summary>
    static async Task<DateTimeOffset> NextFireTimeAsync(OrchestratorHost host) =>
        new(await host.QueryAsync(db => db.Database.SqlQueryRaw<long>("SELECT MIN(NEXT_FIRE_TIME) AS \"Value\" FROM qrtz_TRIGGERS WHERE JOB_NAME = 'send-scheduled-message'").SingleAsync()), TimeSpan.Zero);

    /// <summary>Schedule requests travel outbox → scheduler queue → Quartz; wait until the trigger is stored.</summary>
    async Task WaitForTriggerAsync(OrchestratorHost host, Guid probe) =>
        await WaitUntilAsync(async () => await TriggerCountAsync(host) > 0, $"a trigger for probe {probe}");

    static Task WaitUntilAsync(Func<bool> condition, string what) => WaitUntilAsync(() => Task.FromResult(condition()), what);

    static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Timed out after {Wait} waiting for {what}.");
            await Task.Delay(100);
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(_file) + "*"))
            File.Delete(file);
        return Task.CompletedTask;
    }
}
