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
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = steps.UtcNow;
            foreach (var id in await query.Find(new SagaQuery<TState>(x => x.StepDeadline != null && x.StepDeadline <= now)))
            {
                if (await load.Load(id) is { CurrentStep: { } step } saga && fired.Add((id, step, saga.StepAttempt)))
                    await bus.Publish(new StepTimedOut(id, step, saga.StepAttempt), stoppingToken);
            }

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
