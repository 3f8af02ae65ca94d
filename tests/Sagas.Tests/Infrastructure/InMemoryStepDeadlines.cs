using MassTransit;
using MassTransit.Saga;
using Microsoft.Extensions.Hosting;
using Sagas.Durability.Activities;

namespace Sagas.Tests.Infrastructure;

/// <summary>
/// The orchestrator's deadline sweeper reads saga tables; sagas in MassTransit's in-memory
/// repository get this stand-in: each send of a step whose deadline passed times out once, as the
/// sweeper's claim makes it do.
/// </summary>
public sealed class InMemoryStepDeadlines<TState>(IQuerySagaRepository<TState> query, ILoadSagaRepository<TState> load, IBus bus, ActivitySteps steps)
    : BackgroundService
    where TState : class, SagaStateMachineInstance, IActivityStepState
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var fired = new HashSet<(Guid, string, int)>();
        var seen = new Dictionary<Guid, (string Step, int Attempt, DateTime Deadline)>();
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = steps.UtcNow;
            var due = new Dictionary<Guid, (string Step, int Attempt, DateTime Deadline)>();
            foreach (var id in await query.Find(new SagaQuery<TState>(x => x.StepDeadline != null && x.StepDeadline <= now)))
            {
                if (await load.Load(id) is { CurrentStep: { } step, StepDeadline: { } deadline } saga && deadline <= now)
                    due[id] = (step, saga.StepAttempt, deadline);
            }

            // The instances are live objects a transition may be changing right now (attempt raised, deadline
            // not yet moved); only what two looks in a row agree on is fired, as the sweeper's row lock ensures.
            foreach (var (id, step) in due)
            {
                if (seen.GetValueOrDefault(id) == step && fired.Add((id, step.Step, step.Attempt)))
                    await bus.Publish(new StepTimedOut(id, step.Step, step.Attempt), stoppingToken);
            }

            seen = due;
            try
            {
                await Task.Delay(50, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
