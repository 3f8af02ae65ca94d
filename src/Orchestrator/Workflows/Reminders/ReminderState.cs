using Sagas.Durability.Activities;
using Sagas.Durability.Sagas;

namespace Sagas.Orchestrator.Workflows.Reminders;

public class ReminderState : SagaInstance, IActivityStepState
{
    public string Recipient { get; set; } = "";
    public string Subject { get; set; } = "";
    public DateTime StartedAt { get; set; }
    public int MailsSent { get; set; }
    public DateTime? NextMailDueAt { get; set; }
    public DateTime? FirstMailSentAt { get; set; }
    public DateTime? SecondMailSentAt { get; set; }
    public DateTime? ThirdMailSentAt { get; set; }
    public string? FailureReason { get; set; }
    public Guid? NextMailTokenId { get; set; }
    public string? CurrentStep { get; set; }
    public int StepAttempt { get; set; }
    public DateTime? StepDeadline { get; set; }
}
