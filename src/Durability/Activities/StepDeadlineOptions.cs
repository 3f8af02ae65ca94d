namespace Sagas.Durability.Activities;

/// <summary>How the orchestrator looks for step deadlines that passed (<c>Sagas:StepDeadlines</c>).</summary>
public sealed class StepDeadlineOptions
{
    /// <summary>How often each saga table is looked at: a timeout fires at most this late.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Due steps taken per table and transaction.</summary>
    public int BatchSize { get; set; } = 500;
}
