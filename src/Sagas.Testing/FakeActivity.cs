using System.Collections.Concurrent;
using MassTransit;

namespace Sagas.Testing;

/// <summary>
/// Stands in for the activity that takes <typeparamref name="TCommand"/>: it records each command and
/// answers as told. Change what it does at any point of a test; the next command it takes does that.
/// </summary>
public sealed class FakeActivity<TCommand>
    where TCommand : class
{
    readonly ConcurrentQueue<TCommand> _received = new();
    Func<ConsumeContext<TCommand>, Task> _behaviour = _ => Task.CompletedTask;

    /// <summary>Every command taken so far, in order; a step sent again shows up again.</summary>
    public IReadOnlyList<TCommand> Received => [.. _received];

    /// <summary>Publishes what <paramref name="answer"/> makes of each command: the activity's success, or its refusal.</summary>
    public FakeActivity<TCommand> Answer(Func<TCommand, object> answer) =>
        Do(context =>
        {
            var message = answer(context.Message);
            return context.Publish(message, message.GetType());
        });

    /// <summary>Takes the command and never answers, as a worker that died would: the step's deadline decides.</summary>
    public FakeActivity<TCommand> Silence() => Do(_ => Task.CompletedTask);

    /// <summary>Throws, as a failing activity does: MassTransit faults the message, which lands in the error queue.</summary>
    public FakeActivity<TCommand> Throw(string reason) => Do(_ => throw new InvalidOperationException(reason));

    /// <summary>Anything else: heartbeats, several answers, an answer after a delay.</summary>
    public FakeActivity<TCommand> Do(Func<ConsumeContext<TCommand>, Task> behaviour)
    {
        _behaviour = behaviour;
        return this;
    }

    internal Task ConsumeAsync(ConsumeContext<TCommand> context)
    {
        _received.Enqueue(context.Message);
        return _behaviour(context);
    }
}

/// <summary>The consumer a fake activity runs in, on the queue the real activity would take its commands from.</summary>
public sealed class FakeActivityConsumer<TCommand>(FakeActivity<TCommand> fake) : IConsumer<TCommand>
    where TCommand : class
{
    public Task Consume(ConsumeContext<TCommand> context) => fake.ConsumeAsync(context);
}
