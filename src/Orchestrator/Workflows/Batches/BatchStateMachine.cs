using MassTransit;
using Sagas.Contracts;
using Sagas.Durability.Sagas;

namespace Sagas.Orchestrator.Workflows.Batches;

/// <summary>
/// Runs a batch of orders as child sagas, a bounded number at a time: each order that ends is
/// counted once, and makes room for the next. The batch completes when every order has ended.
/// </summary>
public class BatchStateMachine : DurableStateMachine<BatchState>
{
    public BatchStateMachine(TimeProvider clock)
        : base(clock)
    {
        Event(() => ProcessBatch, e => e.CorrelateById(m => m.Message.BatchId));
        Event(() => OrderFinished, e =>
        {
            e.CorrelateById(m => m.Message.ParentId);
            // Only a batch starts orders as its children; a notice for one gone (retention) has nobody left to count it.
            e.OnMissingInstance(m => m.Discard());
        });
        Succeeded(Completed);
        Terminal(Rejected);

        Initially(
            WhenStarted(ProcessBatch, BatchValidation.Problem,
                valid => valid
                    .ThenAsync(async x => x.Saga.FailureReason = await BatchItems.For(x).TakenOrderAsync(x.Message, x.CancellationToken))
                    .IfElse(x => x.Saga.FailureReason is null,
                        accepted => accepted
                            .ThenAsync(x => BatchItems.For(x).AddAsync(x.Saga, x.Message, x.CancellationToken))
                            .ThenAsync(x => BatchItems.For(x).StartNextAsync(x))
                            .TransitionTo(Processing),
                        taken => Reject(taken)),
                Reject));

        During(Processing,
            When(OrderFinished)
                .ThenAsync(async x =>
                {
                    if (await BatchItems.For(x).FinishAsync(x.Saga, x.Message, x.CancellationToken))
                        await BatchItems.For(x).StartNextAsync(x);
                })
                .If(x => x.Saga.Finished == x.Saga.Total, done => done
                    .Publish(x => new BatchCompleted(x.Saga.CorrelationId, x.Saga.Total, x.Saga.Succeeded, x.Saga.Failed))
                    .TransitionTo(Completed)));
    }

    EventActivityBinder<BatchState, ProcessBatch> Reject(EventActivityBinder<BatchState, ProcessBatch> binder) =>
        binder
            .Publish(x => new BatchRejected(x.Saga.CorrelationId, x.Saga.FailureReason!))
            .TransitionTo(Rejected);

    /// <summary>Orders are running or waiting their turn.</summary>
    public State Processing { get; private set; } = null!;

    /// <summary>Every order has ended, each counted as succeeded or failed.</summary>
    public State Completed { get; private set; } = null!;

    /// <summary>The batch broke a rule; no order was started.</summary>
    public State Rejected { get; private set; } = null!;

    public Event<ProcessBatch> ProcessBatch { get; private set; } = null!;

    /// <summary>An order this batch started has ended.</summary>
    public Event<ChildSagaFinished> OrderFinished { get; private set; } = null!;
}
