using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Sagas.ActivityWorkers.Mail;

/// <summary>Counts attempts per mail in this process and fails the first ones as configured.</summary>
public sealed class SimulatedMailOutage(IOptions<MailOptions> options)
{
    readonly ConcurrentDictionary<string, int> _attempts = new();

    public int Attempts(string reference) => _attempts.GetValueOrDefault(reference);

    public void ThrowIfDown(string reference)
    {
        // Outside drills nothing is counted, so a long-running worker keeps no entry per mail.
        if (options.Value.SimulatedFailuresPerMail <= 0)
            return;

        var attempt = _attempts.AddOrUpdate(reference, 1, (_, n) => n + 1);
        if (attempt <= options.Value.SimulatedFailuresPerMail)
            throw new MailServerUnavailableException($"Simulated mail server outage, attempt {attempt} of mail {reference}");
    }
}

public sealed class MailServerUnavailableException(string message) : Exception(message);
