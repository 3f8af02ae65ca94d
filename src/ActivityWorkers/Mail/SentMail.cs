namespace Sagas.ActivityWorkers.Mail;

/// <summary>A mail that went out. The unique reference makes a repeated send a no-op.</summary>
public class SentMail
{
    public long Id { get; set; }
    public string Reference { get; set; } = "";
    public string Recipient { get; set; } = "";
    public string Subject { get; set; } = "";
    public DateTime SentAt { get; set; }
}
