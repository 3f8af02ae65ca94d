using Sagas.Durability.Activities;

namespace Sagas.Orchestrator.Workflows.Reminders;

public class ReminderState : SteppingSagaInstance
{
    public string Recipient { get; set; } = "";
    public string Subject { get; set; } = "";
    public DateTime StartedAt { get; set; }
    public int MailsSent { get; set; }
    public DateTime? NextMailDueAt { get; set; }
    public DateTime? FirstMailSentAt { get; set; }
    public DateTime? SecondMailSentAt { get; set; }
    public DateTime? ThirdMailSentAt { get; set; }
    public Guid? NextMailTokenId { get; set; }
}
