namespace Sagas.ActivityWorkers.Activities;

/// <summary>
/// Injected failures, for drills and tests: bound per activity from <c>Sagas:Activities:{Name}:Faults</c>.
/// Off unless set. A fault is thrown after the activity did its work, inside its transaction, so
/// it proves the work is rolled back and done once when the message comes again.
/// </summary>
public sealed class ActivityFaultOptions
{
    /// <summary>Probability (0 to 1) that an attempt fails.</summary>
    public double FailureRate { get; set; }

    /// <summary>Fail the first N attempts of each message (immediate retries and redeliveries count alike), counted in this process.</summary>
    public int FailFirst { get; set; }

    public bool Enabled => FailureRate > 0 || FailFirst > 0;
}
