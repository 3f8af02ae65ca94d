using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Sagas.Durability.Activities;
using Sagas.Durability.Sagas;

namespace Sagas.Tests.Infrastructure;

/// <summary>A started MassTransit test harness with one state machine on it; dispose to stop the bus.</summary>
public sealed class StateMachineHarness<TMachine, TState> : IAsyncDisposable
    where TMachine : DurableStateMachine<TState>
    where TState : SagaInstance
{
    readonly ServiceProvider _provider;

    StateMachineHarness(ServiceProvider provider)
    {
        _provider = provider;
        Harness = provider.GetRequiredService<ITestHarness>();
        Saga = Harness.GetSagaStateMachineHarness<TMachine, TState>();
    }

    public ITestHarness Harness { get; }

    public ISagaStateMachineTestHarness<TMachine, TState> Saga { get; }

    public TMachine Machine => Saga.StateMachine;

    /// <param name="steps">Step timers; a test that lets them fire gets a longer timeout to wait for them.</param>
    public static async Task<StateMachineHarness<TMachine, TState>> StartAsync(ActivitySteps? steps = null)
    {
        var testTimeout = steps is null ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(30);
        // The harness's own waits end after this much quiet; ours poll, so it only bounds how long stopping takes.
        var inactivityTimeout = TimeSpan.FromMilliseconds(500);
        var provider = new ServiceCollection()
            .AddMassTransitTestHarness(x =>
            {
                x.SetTestTimeouts(testTimeout: testTimeout, testInactivityTimeout: inactivityTimeout);
                x.AddSagaStateMachine<TMachine, TState>().InMemoryRepository();
                x.AddDelayedMessageScheduler();
                x.UsingInMemory((context, cfg) =>
                {
                    cfg.UseDelayedMessageScheduler();
                    cfg.ConfigureEndpoints(context);
                });
            })
            .AddSingleton(steps ?? ActivitySteps.Default)
            .BuildServiceProvider(true);
        var harness = new StateMachineHarness<TMachine, TState>(provider);
        await harness.Harness.Start();
        return harness;
    }

    /// <summary>Publishes <paramref name="message"/> and waits until the saga has consumed it (or faulted on it).</summary>
    public async Task Deliver<T>(T message)
        where T : class
    {
        var messageId = NewId.NextGuid();
        await Harness.Bus.Publish(message, context => context.MessageId = messageId);

        // Polls for the message itself: the harness's waiting queries end once the bus has been
        // quiet for its inactivity timeout, which a busy machine can reach before the saga even runs.
        await Until(() => Saga.Consumed.Select<T>(x => x.Context.MessageId == messageId).Any(), $"the saga to consume {typeof(T).Name}");
    }

    /// <summary>Waits for the saga to be in <paramref name="state"/> and returns it.</summary>
    public async Task<TState> InState(Guid id, Func<TMachine, State> state)
    {
        var name = state(Machine).Name;
        await Until(() => Saga.Sagas.Contains(id)?.CurrentState == name, $"saga {id} to be in {name}");
        return Saga.Sagas.Contains(id)!;
    }

    /// <summary>Waits for the <paramref name="count"/>th message of type <typeparamref name="T"/> published or sent that matches.</summary>
    public async Task<T> Commanded<T>(Func<T, bool> match, int count = 1)
        where T : class
    {
        await Until(() => Commands(match).Count >= count, $"{count} {typeof(T).Name}");
        return Commands(match)[count - 1];
    }

    /// <summary>Every message of type <typeparamref name="T"/> published or sent so far that matches, in order.</summary>
    public List<T> Commands<T>(Func<T, bool> match)
        where T : class =>
        Harness.Published.Select<T>(x => match(x.Context.Message)).Select(x => (x.ElapsedTime, x.Context.Message))
            .Concat(Harness.Sent.Select<T>(x => match(x.Context.Message)).Select(x => (x.ElapsedTime, x.Context.Message)))
            .OrderBy(x => x.ElapsedTime).Select(x => x.Message).ToList();

    async Task Until(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Harness.TestTimeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync() => await _provider.DisposeAsync();
}
