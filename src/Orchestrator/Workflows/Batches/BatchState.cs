using Sagas.Durability.Sagas;

namespace Sagas.Orchestrator.Workflows.Batches;

/// <summary>
/// Counters only: the orders themselves are rows of <c>batch_items</c>, since this row is
/// rewritten each time an order ends.
/// </summary>
public class BatchState : SagaInstance
{
    public int Total { get; set; }
    public int MaxConcurrency { get; set; }

    /// <summary>Orders started so far; they are started in position order, so this is also the next position to start.</summary>
    public int Started { get; set; }

    public int Succeeded { get; set; }
    public int Failed { get; set; }

    /// <summary>The most orders that were running at once.</summary>
    public int MaxRunning { get; set; }

    public int Finished => Succeeded + Failed;

    public int Running => Started - Finished;
}
