using Sagas.Contracts;
using Sagas.Durability.Activities;
using Sagas.Orchestrator.Workflows.BillingCollection;
using Sagas.Testing;

namespace Sagas.Tests.Orchestrator.Workflows.BillingCollection;

/// <summary>The hourly billing collector on the durable engine, its fetch faked and its hours crossed by moving the clock.</summary>
public sealed class BillingCollectionTests
{
    static readonly Guid Id = Guid.NewGuid();

    static StartBillingCollection Start => new() { BillingCollectionId = Id, Account = "acme" };

    static BillingDataFetched Page(FetchBillingData fetch) => new(fetch.BillingCollectionId, fetch.PeriodStart, 500, 62.50m);

    [Fact]
    public async Task It_fetches_every_hour_until_stopped_and_a_silent_fetch_is_sent_again_from_its_last_heartbeat()
    {
        await using var collector = await WorkflowTestHost<BillingCollectionStateMachine, BillingCollectionState>.StartAsync(o => o
            .Fake<FetchBillingData>(f => f.Do(async call =>
            {
                // The first fetch reads three pages and goes silent, as a worker that died would.
                if (call.Message.ResumeFrom == 0 && call.Attempt == 1 && f.Received.Count == 1)
                {
                    await call.HeartbeatAsync(Id, 3);
                    return;
                }

                await call.AnswerAsync(Page(call.Message));
            })));
        var fetches = collector.Fake<FetchBillingData>();

        await collector.PublishAsync(Start);
        await collector.WaitForAsync(Id, x => x.StepProgress == 3, "to have read three pages");
        await collector.Timeline.AdvanceAsync(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var first = await collector.WaitForStateAsync(Id, m => m.Waiting);

        Assert.Equal([0L, 3L], fetches.Received.Select(f => f.ResumeFrom));
        Assert.Equal((1, 500L), (first.Runs, first.RecordsCollected));
        Assert.Equal(first.PeriodStart + TimeSpan.FromHours(1), first.NextRunAt);

        await collector.Timeline.AdvanceAsync(TimeSpan.FromHours(1));
        await collector.WaitForAsync(Id, x => x.Runs == 2, "to have run twice");
        await collector.PublishAsync(new StopBillingCollection(Id, "account closed"));
        await collector.AssertEndedInAsync(Id, m => m.Stopped);

        // Stopped, its timer is gone: hours later nothing has run.
        await collector.Timeline.SettledAsync();
        Assert.Equal(0, await collector.Timeline.PendingTimersAsync());
        await collector.Timeline.AdvanceAsync(TimeSpan.FromHours(3));
        Assert.Equal(3, fetches.Received.Count);
        await collector.AssertPathAsync(Id, "Fetching", "Waiting", "Fetching", "Waiting", "Stopped");
    }

    [Fact]
    public async Task A_fetch_that_keeps_heartbeating_is_still_cut_off_at_its_70_minute_start_to_close()
    {
        await using var collector = await WorkflowTestHost<BillingCollectionStateMachine, BillingCollectionState>.StartAsync(o => o
            .Fake<FetchBillingData>());
        var fetches = collector.Fake<FetchBillingData>();
        await collector.PublishAsync(Start);
        var started = await collector.WaitForStateAsync(Id, m => m.Fetching);

        // A page every 4 minutes keeps it inside its 5-minute heartbeat timeout, for 68 minutes.
        for (var page = 1; page <= 17; page++)
        {
            await collector.Timeline.AdvanceAsync(TimeSpan.FromMinutes(4));
            await collector.PublishAsync(new ActivityHeartbeat(Id, BillingCollectionStateMachine.FetchStep, 1, page, null));
            await collector.WaitForAsync(Id, x => x.StepProgress == page, $"to have page {page}");
        }

        Assert.Single(fetches.Received);
        await collector.Timeline.AdvanceAsync(TimeSpan.FromMinutes(4));

        var resent = await collector.WaitForAsync(Id, x => x.StepAttempt == 2, "to send the fetch again");
        Assert.Equal(17, fetches.Received[^1].ResumeFrom);
        Assert.True(collector.Timeline.Now - started.StepStartedAt!.Value >= TimeSpan.FromMinutes(70), "sent again before its start-to-close");
        Assert.Equal("Fetching", resent.CurrentState);
    }
}
