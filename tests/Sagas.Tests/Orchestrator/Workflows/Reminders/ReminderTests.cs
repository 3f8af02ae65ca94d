using Microsoft.Extensions.DependencyInjection;
using Sagas.ActivityWorkers.Mail;
using Sagas.Contracts;
using Sagas.Orchestrator.Workflows.Reminders;
using Sagas.Testing;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Orchestrator.Workflows.Reminders;

/// <summary>A month of reminders on the embedded stack, its durable sleeps crossed by moving Quartz's clock.</summary>
public sealed class ReminderTests : IAsyncLifetime
{
    readonly string _file = Path.Combine(Path.GetTempPath(), $"sagas-{Guid.NewGuid():N}.db");
    readonly AdjustableClock _clock = new();

    [Fact]
    public async Task Mails_go_out_a_day_a_week_and_a_month_after_scheduling_then_the_reminder_completes()
    {
        await using var host = await StartAsync(failuresPerMail: 0);
        var id = Guid.NewGuid();

        await host.Bus.Publish(Reminder(id));
        var sleeping = await host.Services.WaitForStateAsync<ReminderState>(id, "Sleeping");
        Assert.Equal(sleeping.StartedAt.AddDays(1), sleeping.NextMailDueAt);

        _clock.Advance(TimeSpan.FromHours(23));
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Empty(await host.Services.WorkerRowsAsync<SentMail>());

        var completed = await SendAllAsync(host.Services, id, sleeping.StartedAt);
        AssertSentAround(completed.FirstMailSentAt, completed.StartedAt.AddDays(1));
        AssertSentAround(completed.SecondMailSentAt, completed.StartedAt.AddDays(7));
        AssertSentAround(completed.ThirdMailSentAt, completed.StartedAt.AddMonths(1));
        Assert.Null(completed.NextMailDueAt);
        Assert.Equal(3, (await host.Services.WorkerRowsAsync<SentMail>()).Count);
    }

    [Fact]
    public async Task A_send_that_fails_twice_is_retried_until_it_goes_out_once()
    {
        await using var host = await StartAsync(failuresPerMail: 2);
        var id = Guid.NewGuid();

        await host.Bus.Publish(Reminder(id));
        var sleeping = await host.Services.WaitForStateAsync<ReminderState>(id, "Sleeping");
        var completed = await SendAllAsync(host.Services, id, sleeping.StartedAt);

        var mails = await host.Services.WorkerRowsAsync<SentMail>();
        Assert.Equal([$"reminder-{id:N}-1", $"reminder-{id:N}-2", $"reminder-{id:N}-3"], mails.Select(m => m.Reference).Order());
        Assert.All(mails, m => Assert.Equal(("dana@example.com", "Renew your badge"), (m.Recipient, m.Subject)));
        var outage = host.Services.GetRequiredService<SimulatedMailOutage>();
        Assert.All(mails, m => Assert.Equal(3, outage.Attempts(m.Reference)));
        Assert.Equal(mails.OrderBy(m => m.Reference).Select(m => m.SentAt),
            [completed.FirstMailSentAt!.Value, completed.SecondMailSentAt!.Value, completed.ThirdMailSentAt!.Value]);
    }

    [Fact]
    public async Task An_invalid_reminder_fails_with_the_reason_and_sleeps_for_nothing()
    {
        await using var host = await StartAsync(failuresPerMail: 0);
        var id = Guid.NewGuid();

        await host.Bus.Publish(Reminder(id) with { Recipient = "nobody" });

        var failed = await host.Services.WaitForStateAsync<ReminderState>(id, "Failed");
        Assert.Equal("recipient must be a mail address", failed.FailureReason);
        Assert.Null(failed.NextMailDueAt);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(0, await DurableTimers.CountAsync(host.Services));
    }

    /// <summary>Wakes each durable sleep in turn and waits for its mail; returns the completed saga.</summary>
    async Task<ReminderState> SendAllAsync(IServiceProvider services, Guid id, DateTime startedAt)
    {
        for (var mail = 1; mail <= ReminderStateMachine.MailCount; mail++)
        {
            var due = await DurableTimers.AdvanceToNextAsync(services, _clock);
            Assert.InRange((due.UtcDateTime - ReminderStateMachine.DueAt(startedAt, mail)).Duration(), TimeSpan.Zero, TimeSpan.FromSeconds(1));
            var expected = mail;
            await Eventually.MatchAsync(() => services.SagaAsync<ReminderState>(id), saga => saga.MailsSent == expected, $"mail {mail} of {id}");
        }

        return await services.WaitForStateAsync<ReminderState>(id, "Completed");
    }

    /// <summary>The clock lands a second past the due time and real time runs on while the mail is sent.</summary>
    static void AssertSentAround(DateTime? sentAt, DateTime due)
    {
        Assert.NotNull(sentAt);
        Assert.InRange(sentAt.Value, due, due + TimeSpan.FromMinutes(1));
    }

    static ScheduleReminders Reminder(Guid id) => new() { ReminderId = id, Recipient = "dana@example.com", Subject = "Renew your badge" };

    Task<OrchestratorHost> StartAsync(int failuresPerMail)
    {
        var settings = OrchestratorHost.Embedded(_file);
        settings["Sagas:Activities:SendMail:SimulatedFailuresPerMail"] = failuresPerMail.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Sagas:Activities:SendMail:Retry:InitialInterval"] = "00:00:00.200";
        settings["Sagas:Activities:SendMail:Retry:MaxInterval"] = "00:00:01";
        return OrchestratorHost.StartAsync(settings, clock: _clock);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        foreach (var file in Directory.GetFiles(Path.GetTempPath(), Path.GetFileName(_file) + "*"))
            File.Delete(file);
        return Task.CompletedTask;
    }
}
