using Sagas.Contracts;

namespace Sagas.Orchestrator.Workflows.Reminders;

public static class ReminderValidation
{
    public static string? Problem(ScheduleReminders request)
    {
        if (request.ReminderId == Guid.Empty)
            return "reminderId is required";
        if (string.IsNullOrWhiteSpace(request.Recipient) || !request.Recipient.Contains('@', StringComparison.Ordinal))
            return "recipient must be a mail address";
        if (request.Recipient.Length > 256)
            return "recipient must be at most 256 characters";
        if (string.IsNullOrWhiteSpace(request.Subject))
            return "subject is required";
        if (request.Subject.Length > 256)
            return "subject must be at most 256 characters";
        return null;
    }
}
