namespace Sagas.ActivityWorkers.Mail;

/// <summary>Bound from <c>Sagas:Activities:SendMail</c>.</summary>
public sealed class MailOptions
{
    /// <summary>
    /// Fail the first N attempts of every mail as a mail server outage would, to see retries
    /// work end to end. Zero (the default) outside tests and drills.
    /// </summary>
    public int SimulatedFailuresPerMail { get; set; }
}
