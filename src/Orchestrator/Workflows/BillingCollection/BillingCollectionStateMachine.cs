using MassTransit;
using Sagas.Contracts;
using Sagas.Durability.Activities;

namespace Sagas.Orchestrator.Workflows.BillingCollection;

/// <summary>
/// Every hour, fetches the last hour of an account's billing data, until stopped. A fetch may take
/// up to 70 minutes and heartbeats every page: one silent for 5 minutes is sent again from its last
/// page. A fetch that never answers is given up on and the next hour's run goes ahead; the collection
/// itself runs on. The hour between runs is a durable timer, so a restart loses none.
/// </summary>
public class BillingCollectionStateMachine : SteppingStateMachine<BillingCollectionState>
{
    public const string FetchStep = "FetchBillingData";
    public const int AccountLength = 64;
    public static readonly TimeSpan Every = TimeSpan.FromHours(1);

    public BillingCollectionStateMachine(ActivitySteps steps, TimeProvider clock)
        : base(steps, clock)
    {
        DeclareStep(FetchStep, new() { StartToClose = TimeSpan.FromMinutes(70), HeartbeatTimeout = TimeSpan.FromMinutes(5), MaxAttempts = 3 });
        // Quiet for an hour between runs by design; a fetch may take 70 minutes more.
        Stuck(Every + TimeSpan.FromMinutes(75));

        Event(() => StartBillingCollection, e => e.CorrelateById(m => m.Message.BillingCollectionId));
        Event(() => Fetched, e => e.CorrelateById(m => m.Message.BillingCollectionId));
        Event(() => Stop, e =>
        {
            e.CorrelateById(m => m.Message.BillingCollectionId);
            e.OnMissingInstance(m => m.Discard());
        });
        Schedule(() => NextRun, x => x.NextRunTokenId, s => s.Received = r => r.CorrelateById(m => m.Message.BillingCollectionId));
        Succeeded(Stopped);
        Terminal(Rejected);

        Initially(
            WhenStarted(StartBillingCollection, Problem,
                valid => valid
                    .Then(x => x.Saga.Account = x.Message.Account)
                    .Then(x => x.Saga.PeriodStart = RunStart(clock))
                    .StartStep(steps, FetchStep, x => Fetch(x.Saga))
                    .TransitionTo(Fetching),
                invalid => invalid
                    .Then(x => x.Saga.Account = x.Message.Account ?? "")
                    .TransitionTo(Rejected)));

        During(Fetching,
            When(Fetched, x => x.Message.PeriodStart == x.Saga.PeriodStart)
                .EndStep()
                .Then(x =>
                {
                    x.Saga.Runs++;
                    x.Saga.RecordsCollected += x.Message.Records;
                    x.Saga.AmountCollected += x.Message.Amount;
                    x.Saga.NextRunAt = NextRunAt(x.Saga, clock);
                })
                .Schedule(NextRun, x => new BillingRunDue(x.Saga.CorrelationId), x => x.Saga.NextRunAt!.Value)
                .TransitionTo(Waiting),
            // This hour's data stays missing: the run is counted failed and the next one goes ahead on time.
            RetryOrGiveUp(x => Fetch(x.Saga), giveUp => giveUp
                .Then(x =>
                {
                    x.Saga.FailedRuns++;
                    x.Saga.FailureReason = $"the run of {x.Saga.PeriodStart:u} failed: {x.GaveUpReason()}";
                    x.Saga.EndStep();
                    x.Saga.NextRunAt = NextRunAt(x.Saga, clock);
                })
                .Schedule(NextRun, x => new BillingRunDue(x.Saga.CorrelationId), x => x.Saga.NextRunAt!.Value)
                .TransitionTo(Waiting)));

        During(Waiting,
            When(NextRun.Received)
                .Then(x => (x.Saga.PeriodStart, x.Saga.NextRunAt) = (RunStart(clock), null))
                .StartStep(steps, FetchStep, x => Fetch(x.Saga))
                .TransitionTo(Fetching));

        During([Fetching, Waiting],
            When(Stop)
                .Unschedule(NextRun)
                .Then(x =>
                {
                    x.Saga.StopReason = x.Message.Reason ?? "stopped";
                    x.Saga.NextRunAt = null;
                    x.Saga.EndStep();
                })
                .TransitionTo(Stopped));
    }

    public State Fetching { get; private set; } = null!;
    public State Waiting { get; private set; } = null!;
    public State Stopped { get; private set; } = null!;

    /// <summary>The request broke a rule; nothing was done.</summary>
    public State Rejected { get; private set; } = null!;

    public Event<StartBillingCollection> StartBillingCollection { get; private set; } = null!;
    public Event<BillingDataFetched> Fetched { get; private set; } = null!;
    public Event<StopBillingCollection> Stop { get; private set; } = null!;
    public Schedule<BillingCollectionState, BillingRunDue> NextRun { get; private set; } = null!;

    public static string? Problem(StartBillingCollection request) =>
        request.BillingCollectionId == Guid.Empty ? "billingCollectionId is required"
        : string.IsNullOrWhiteSpace(request.Account) || request.Account.Length > AccountLength ? $"account is required (at most {AccountLength} characters)"
        : null;

    /// <summary>Now, in whole seconds: the run's answer names its period, and PostgreSQL keeps no finer than microseconds.</summary>
    static DateTime RunStart(TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return now.AddTicks(-(now.Ticks % TimeSpan.TicksPerSecond));
    }

    /// <summary>An hour after this run started; at once if the run took longer than that.</summary>
    static DateTime NextRunAt(BillingCollectionState saga, TimeProvider clock)
    {
        var due = saga.PeriodStart + Every;
        var now = clock.GetUtcNow().UtcDateTime;
        return due > now ? due : now;
    }

    static FetchBillingData Fetch(BillingCollectionState saga) => new(saga.CorrelationId, saga.Account, saga.PeriodStart, saga.StepProgress ?? 0);
}
