namespace Sagas.Contracts;

/// <summary>Starts a reminder series: a mail after a day, a week and a month.</summary>
public record ScheduleReminders
{
    public Guid ReminderId { get; init; }
    public string Recipient { get; init; } = "";
    public string Subject { get; init; } = "";
}
