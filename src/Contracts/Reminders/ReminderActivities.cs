namespace Sagas.Contracts;

/// <summary>Sends one mail; <see cref="Reference"/> makes a repeated send a no-op.</summary>
public record SendMail(Guid ReminderId, int Number, string Reference, string Recipient, string Subject);

public record MailSent(Guid ReminderId, int Number, DateTime SentAt);

/// <summary>The durable sleep before mail <see cref="Number"/> is over.</summary>
public record ReminderMailDue(Guid ReminderId, int Number);

public record RemindersCompleted(Guid ReminderId);
