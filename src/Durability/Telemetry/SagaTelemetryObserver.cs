using System.Diagnostics;
using MassTransit;
using Sagas.Durability.Sagas;

namespace Sagas.Durability.Telemetry;

/// <summary>
/// Notes each state change of a saga for the metrics (counted once the transaction commits) and
/// marks the span of every message the saga handles with the saga's id. Connected before the
/// history observer, so <c>CompletedAt</c> still tells whether the saga ends for the first time.
/// </summary>
sealed class SagaTelemetryObserver<TSaga>(
    IReadOnlySet<string> terminalStates,
    IReadOnlySet<string> succeededStates,
    IReadOnlySet<string> compensatingStates,
    IReadOnlySet<string> undoFailedStates)
    : IStateObserver<TSaga>, IEventObserver<TSaga>
    where TSaga : SagaInstance
{
    static readonly string SagaType = SagaTypeName.Of(typeof(TSaga));

    public Task StateChanged(BehaviorContext<TSaga> context, State currentState, State previousState)
    {
        // Entering Initial is MassTransit creating the instance, not a step of the workflow.
        if (previousState is null || !context.TryGetPayload(out SagaConsumeTelemetry? telemetry))
            return Task.CompletedTask;

        var terminal = terminalStates.Contains(currentState.Name);
        var ending = !terminal || context.Saga.CompletedAt is not null ? SagaEnding.None
            : succeededStates.Contains(currentState.Name) ? SagaEnding.Succeeded
            : SagaEnding.Failed;
        telemetry.Add(new SagaOutcome(SagaType, context.Event.Name,
            Started: previousState.Name == "Initial",
            ending,
            Compensated: terminal && compensatingStates.Contains(previousState.Name) && !undoFailedStates.Contains(currentState.Name)));
        return Task.CompletedTask;
    }

    public Task PreExecute(BehaviorContext<TSaga> context) => Mark(context);

    public Task PreExecute<T>(BehaviorContext<TSaga, T> context)
        where T : class => Mark(context);

    public Task PostExecute(BehaviorContext<TSaga> context) => Task.CompletedTask;

    public Task PostExecute<T>(BehaviorContext<TSaga, T> context)
        where T : class => Task.CompletedTask;

    public Task ExecuteFault(BehaviorContext<TSaga> context, Exception exception) => Task.CompletedTask;

    public Task ExecuteFault<T>(BehaviorContext<TSaga, T> context, Exception exception)
        where T : class => Task.CompletedTask;

    static Task Mark(BehaviorContext<TSaga> context)
    {
        var id = context.Saga.CorrelationId;
        if (context.TryGetPayload(out SagaConsumeTelemetry? telemetry))
            telemetry.SagaId = id;
        SagaTracing.Tag(Activity.Current, id, SagaType);
        return Task.CompletedTask;
    }
}
