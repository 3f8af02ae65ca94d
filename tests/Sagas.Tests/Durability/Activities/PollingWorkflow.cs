using System.Collections.Concurrent;
using MassTransit;
using Sagas.Durability.Activities;

namespace Sagas.Tests.Durability.Activities;

public sealed record StartPolling(Guid PollId, int Target);

public sealed record Poll(Guid PollId, long ResumeFrom, int Target);

public sealed record Polled(Guid PollId, long Checks);

public sealed class PollingState : SteppingSagaInstance
{
    public int Target { get; set; }
}

/// <summary>A long-polling workflow for the heartbeat tests: one step that reports progress as it goes.</summary>
public sealed class PollingStateMachine : SteppingStateMachine<PollingState>
{
    public const string PollStep = "Poll";

    public PollingStateMachine(ActivitySteps steps)
        : base(steps)
    {
        Event(() => Start, e => e.CorrelateById(m => m.Message.PollId));
        Event(() => Done, e => e.CorrelateById(m => m.Message.PollId));
        Terminal(Finished, GaveUp);

        Initially(
            When(Start)
                .Then(x => x.Saga.Target = x.Message.Target)
                .StartStep(steps, PollStep, x => new Poll(x.Saga.CorrelationId, 0, x.Saga.Target))
                .TransitionTo(Polling));

        During(Polling,
            When(Done).EndStep().TransitionTo(Finished),
            RetryOrGiveUp(x => new Poll(x.Saga.CorrelationId, x.Saga.StepProgress ?? 0, x.Saga.Target), giveUp => giveUp.GiveUp().TransitionTo(GaveUp)));
    }

    public State Polling { get; private set; } = null!;
    public State Finished { get; private set; } = null!;
    public State GaveUp { get; private set; } = null!;

    public Event<StartPolling> Start { get; private set; } = null!;
    public Event<Polled> Done { get; private set; } = null!;
}

/// <summary>
/// Checks once per tick, heartbeating each check. What a send does is up to the test: a first
/// send that stops heartbeating stands for a worker that died holding the message.
/// </summary>
public sealed class PollConsumer(ActivityHeartbeats heartbeats, PollScript script) : IConsumer<Poll>
{
    public async Task Consume(ConsumeContext<Poll> context)
    {
        var attempt = StepHeaders.Of(context)?.Attempt ?? 0;
        script.Sends.Enqueue((attempt, context.Message.ResumeFrom));
        var stopAfter = script.HangAfterChecks(attempt);

        for (var check = context.Message.ResumeFrom + 1; check <= context.Message.Target; check++)
        {
            await Task.Delay(script.Tick, context.CancellationToken);
            await heartbeats.BeatAsync(context, context.Message.PollId, check);
            if (check == stopAfter)
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
        }

        await context.Publish(new Polled(context.Message.PollId, context.Message.Target));
    }
}

public sealed class PollScript
{
    public TimeSpan Tick { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>For each send (by attempt), after which check it hangs; null: it finishes.</summary>
    public Func<int, long?> HangAfterChecks { get; init; } = _ => null;

    public ConcurrentQueue<(int Attempt, long ResumeFrom)> Sends { get; } = new();
}
