using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Sagas.Durability.Activities;
using Sagas.Durability.Sagas;

namespace Sagas.Tests.Infrastructure;

/// <summary>A started MassTransit test harness with one state machine on it; dispose to stop the bus.</summary>
public sealed class StateMachineHarness<TMachine, TState> : IAsyncDisposable
    where TMachine : DurableStateMachine<TState>
    where TState : SagaInstance
{
    readonly ServiceProvider _provider;
    IHostedService? _deadlines;

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
        if (typeof(IActivityStepState).IsAssignableFrom(typeof(TState)))
        {
            harness._deadlines = (IHostedService)ActivatorUtilities.CreateInstance(provider, typeof(InMemoryStepDeadlines<>).MakeGenericType(typeof(TState)));
            await harness._deadlines.StartAsync(CancellationToken.None);
        }

        return harness;
    }

    /// <summary>Step settings by activity name; an activity not named gets the defaults.</summary>
    public static Task<StateMachineHarness<TMachine, TState>> StartAsync(IReadOnlyDictionary<string, ActivityStepOptions> steps) =>
        StartAsync(new ActivitySteps(new StepOptionsByName(steps)));

    /// <summary>Publishes <paramref name="message"/> and waits until the saga has consumed it (or faulted on it).</summary>
    public async Task<IReceivedMessage<T>> Deliver<T>(T message)
        where T : class
    {
        var messageId = NewId.NextGuid();
        await Harness.Bus.Publish(message, context => context.MessageId = messageId);

        // Polls for the message itself: the harness's waiting queries end once the bus has been
        // quiet for its inactivity timeout, which a busy machine can reach before the saga even runs.
        await Until(() => Saga.Consumed.Select<T>(x => x.Context.MessageId == messageId).Any(), $"the saga to consume {typeof(T).Name}");
        return Saga.Consumed.Select<T>(x => x.Context.MessageId == messageId).First();
    }

    /// <summary>Waits for the saga to be in <paramref name="state"/> and returns it.</summary>
    public Task<TState> InState(Guid id, Func<TMachine, State> state)
    {
        var name = state(Machine).Name;
        return WaitFor(id, saga => saga.CurrentState == name, $"saga {id} to be in {name}");
    }

    /// <summary>Waits until the saga's instance satisfies <paramref name="condition"/> and returns it.</summary>
    public async Task<TState> WaitFor(Guid id, Func<TState, bool> condition, string what)
    {
        await Until(() => Saga.Sagas.Contains(id) is { } saga && condition(saga),
            () => $"{what}; the saga is {(Saga.Sagas.Contains(id) is { } saga ? $"in {saga.CurrentState}" : "missing")}");
        return Saga.Sagas.Contains(id)!;
    }

    /// <summary>Messages of type <typeparamref name="T"/> published so far that match, in order, with their headers.</summary>
    public List<IPublishedMessage<T>> Published<T>(Func<T, bool> match)
        where T : class =>
        Harness.Published.Select<T>(x => match(x.Context.Message)).ToList();

    /// <summary>Waits until <paramref name="count"/> matching messages of type <typeparamref name="T"/> were published.</summary>
    public async Task<List<IPublishedMessage<T>>> WaitPublished<T>(Func<T, bool> match, int count)
        where T : class
    {
        await Until(() => Published(match).Count >= count, () => $"{Published(match).Count} of {count} {typeof(T).Name} published");
        return Published(match);
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

    Task Until(Func<bool> condition, string what) => Until(condition, () => what);

    async Task Until(Func<bool> condition, Func<string> what)
    {
        var deadline = DateTime.UtcNow + Harness.TestTimeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what()}");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_deadlines is not null)
            await _deadlines.StopAsync(CancellationToken.None);
        await _provider.DisposeAsync();
    }

    sealed class StepOptionsByName(IReadOnlyDictionary<string, ActivityStepOptions> steps) : IOptionsMonitor<ActivityStepOptions>
    {
        public ActivityStepOptions CurrentValue { get; } = new();

        public ActivityStepOptions Get(string? name) => name is not null && steps.TryGetValue(name, out var options) ? options : CurrentValue;

        public IDisposable? OnChange(Action<ActivityStepOptions, string?> listener) => null;
    }
}
