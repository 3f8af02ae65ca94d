using System.Collections.Concurrent;
using MassTransit;
using Sagas.Durability.Activities;
using Sagas.Durability.Compensation;

namespace Sagas.Testing;

/// <summary>
/// Stands in for the activity that takes <typeparamref name="TCommand"/>: it records each command and
/// answers as told. Change what it does at any point of a test; the next command it takes does that.
/// </summary>
public sealed class FakeActivity<TCommand>
    where TCommand : class
{
    readonly ConcurrentQueue<TCommand> _received = new();
    readonly ConcurrentDictionary<Guid, bool> _taken = new();
    Func<FakeActivityCall<TCommand>, Task> _behaviour = _ => Task.CompletedTask;

    /// <summary>Every command taken so far, in order; a step sent again shows up again.</summary>
    public IReadOnlyList<TCommand> Received => [.. _received];

    /// <summary>Answers each command with what <paramref name="answer"/> makes of it: the activity's success, or its refusal.</summary>
    public FakeActivity<TCommand> Answer(Func<TCommand, object> answer) => Do(call => call.AnswerAsync(answer(call.Message)));

    /// <summary>Answers an undo command as done, for the saga with the id <paramref name="sagaId"/> gives.</summary>
    public FakeActivity<TCommand> Undo(Func<TCommand, Guid> sagaId) => Do(call => call.Context.CompensatedAsync(sagaId(call.Message)));

    /// <summary>Takes the command and never answers, as a worker that died would: the step's deadline decides.</summary>
    public FakeActivity<TCommand> Silence() => Do(_ => Task.CompletedTask);

    /// <summary>Throws, as a failing activity does: MassTransit faults the message, which lands in the error queue.</summary>
    public FakeActivity<TCommand> Throw(string reason) => Do(_ => throw new InvalidOperationException(reason));

    /// <summary>Anything else: heartbeats, a different answer per attempt, an answer after a delay.</summary>
    public FakeActivity<TCommand> Do(Func<FakeActivityCall<TCommand>, Task> behaviour)
    {
        _behaviour = behaviour;
        return this;
    }

    internal Task ConsumeAsync(ConsumeContext<TCommand> context, ActivityHeartbeats heartbeats)
    {
        // A copy of a message already taken is dropped, as a real activity's inbox drops it; a step
        // sent again after its deadline is a new message, and is taken.
        if (context.MessageId is { } id && !_taken.TryAdd(id, true))
            return Task.CompletedTask;
        _received.Enqueue(context.Message);
        return _behaviour(new FakeActivityCall<TCommand>(context, heartbeats));
    }
}

/// <summary>One command a fake activity took, and what it can do about it.</summary>
public sealed class FakeActivityCall<TCommand>(ConsumeContext<TCommand> context, ActivityHeartbeats heartbeats)
    where TCommand : class
{
    public TCommand Message => context.Message;

    public ConsumeContext<TCommand> Context => context;

    /// <summary>Which send of its step this is: 1 for the first, 2 for the one after a timeout.</summary>
    public int Attempt => StepHeaders.Of(context)?.Attempt ?? 0;

    /// <summary>Answers the saga that sent the step (or publishes, for a command no saga sent).</summary>
    public Task AnswerAsync(object answer) =>
        context.ResponseAddress is null ? context.Publish(answer, answer.GetType()) : context.RespondAsync(answer, answer.GetType());

    /// <summary>Reports progress, as a long activity does while it works.</summary>
    public Task HeartbeatAsync(Guid sagaId, long progress, string? details = null) => heartbeats.BeatAsync(context, sagaId, progress, details);
}

/// <summary>The consumer a fake activity runs in, on the queue the real activity would take its commands from.</summary>
public sealed class FakeActivityConsumer<TCommand>(FakeActivity<TCommand> fake, ActivityHeartbeats heartbeats) : IConsumer<TCommand>
    where TCommand : class
{
    public Task Consume(ConsumeContext<TCommand> context) => fake.ConsumeAsync(context, heartbeats);
}
