using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Sagas.Durability.Activities;
using Sagas.Orchestrator.Workflows.Provisioning;

namespace Sagas.Tests.Workflows.Provisioning;

/// <summary>A started test harness with only the provisioning saga on it; dispose to stop the bus.</summary>
sealed class ProvisioningHarness : IAsyncDisposable
{
    readonly ServiceProvider _provider;

    ProvisioningHarness(ServiceProvider provider)
    {
        _provider = provider;
        Harness = provider.GetRequiredService<ITestHarness>();
        Saga = Harness.GetSagaStateMachineHarness<ProvisioningStateMachine, ProvisioningState>();
    }

    public ITestHarness Harness { get; }

    public ISagaStateMachineTestHarness<ProvisioningStateMachine, ProvisioningState> Saga { get; }

    /// <param name="steps">Step settings by activity; without them no timer fires during a test.</param>
    public static async Task<ProvisioningHarness> StartAsync(IReadOnlyDictionary<string, ActivityStepOptions>? steps = null)
    {
        var testTimeout = steps is null ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(30);
        var provider = new ServiceCollection()
            .AddMassTransitTestHarness(x =>
            {
                x.SetTestTimeouts(testTimeout: testTimeout, testInactivityTimeout: TimeSpan.FromSeconds(1));
                x.AddSagaStateMachine<ProvisioningStateMachine, ProvisioningState>().InMemoryRepository();
                x.AddDelayedMessageScheduler();
                x.UsingInMemory((context, cfg) =>
                {
                    cfg.UseDelayedMessageScheduler();
                    cfg.ConfigureEndpoints(context);
                });
            })
            .AddSingleton(steps is null ? ActivitySteps.Fixed(new ActivityStepOptions { StartToClose = TimeSpan.FromMinutes(10) }) : new ActivitySteps(new ByActivity(steps)))
            .BuildServiceProvider(true);
        var harness = new ProvisioningHarness(provider);
        await harness.Harness.Start();
        return harness;
    }

    /// <summary>Publishes <paramref name="message"/> and waits until the saga has consumed it (or faulted on it).</summary>
    public async Task<IReceivedMessage<T>> Deliver<T>(T message)
        where T : class
    {
        var messageId = NewId.NextGuid();
        await Harness.Bus.Publish(message, context => context.MessageId = messageId);

        // Polls for the message itself: the harness's waiting queries end once the bus has been
        // quiet for its inactivity timeout, which a busy machine can reach before the saga even runs.
        var deadline = DateTime.UtcNow + Harness.TestTimeout;
        while (true)
        {
            var consumed = Saga.Consumed.Select<T>(x => x.Context.MessageId == messageId).FirstOrDefault();
            if (consumed is not null)
                return consumed;
            Assert.True(DateTime.UtcNow < deadline, $"the saga did not consume {typeof(T).Name} within {Harness.TestTimeout}");
            await Task.Delay(20);
        }
    }

    /// <summary>Waits until the saga's instance satisfies <paramref name="condition"/> and returns it.</summary>
    public async Task<ProvisioningState> WaitFor(Guid id, Func<ProvisioningState, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Harness.TestTimeout;
        while (true)
        {
            if (Saga.Sagas.Contains(id) is { } saga && condition(saga))
                return saga;
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}; saga is {Describe(Saga.Sagas.Contains(id))}");
            await Task.Delay(20);
        }
    }

    static string Describe(ProvisioningState? saga) =>
        saga is null
            ? "missing"
            : $"in {saga.CurrentState} at step {saga.CurrentStep ?? "none"} (attempt {saga.StepAttempt}), providers {string.Join(", ", saga.Providers)}, reason {saga.FailureReason}";

    public Task<ProvisioningState> InState(Guid id, Func<ProvisioningStateMachine, State> state)
    {
        var name = state(Saga.StateMachine).Name;
        return WaitFor(id, saga => saga.CurrentState == name, $"saga {id} to be in {name}");
    }

    /// <summary>Messages of type <typeparamref name="T"/> published so far that satisfy <paramref name="filter"/>, in order.</summary>
    public List<IPublishedMessage<T>> Published<T>(Func<T, bool> filter)
        where T : class =>
        Harness.Published.Select<T>(x => filter(x.Context.Message)).ToList();

    /// <summary>Waits until <paramref name="count"/> messages of type <typeparamref name="T"/> satisfying <paramref name="filter"/> were published.</summary>
    public async Task<List<IPublishedMessage<T>>> WaitPublished<T>(Func<T, bool> filter, int count)
        where T : class
    {
        var deadline = DateTime.UtcNow + Harness.TestTimeout;
        while (true)
        {
            var published = Published(filter);
            if (published.Count >= count)
                return published;
            Assert.True(DateTime.UtcNow < deadline, $"{published.Count} of {count} {typeof(T).Name} published");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync() => await _provider.DisposeAsync();

    sealed class ByActivity(IReadOnlyDictionary<string, ActivityStepOptions> settings) : IOptionsMonitor<ActivityStepOptions>
    {
        public ActivityStepOptions CurrentValue => new();

        public ActivityStepOptions Get(string? name) => name is not null && settings.TryGetValue(name, out var options) ? options : new();

        public IDisposable? OnChange(Action<ActivityStepOptions, string?> listener) => null;
    }
}
