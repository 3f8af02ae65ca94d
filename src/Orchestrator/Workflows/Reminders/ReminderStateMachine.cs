using MassTransit;
using Sagas.Contracts;
using Sagas.Durability.Activities;

namespace Sagas.Orchestrator.Workflows.Reminders;

/// <summary>
/// Mails a reminder a day, a week and a month after it was scheduled, sleeping durably in
/// between. A mail is sent until it goes out: the activity retries a failed send, and a send
/// that goes unanswered past its start-to-close timeout is sent again.
/// </summary>
public class ReminderStateMachine : SteppingStateMachine<ReminderState>
{
    public const int MailCount = 3;
    public const string SendMailStep = "SendMail";

    public ReminderStateMachine(TimeProvider clock, ActivitySteps steps)
        : base(steps, clock)
    {
        // The last sleep lasts a month.
        Stuck(TimeSpan.FromDays(32));
        Event(() => ScheduleReminders, e => e.CorrelateById(m => m.Message.ReminderId));
        Event(() => MailSent, e => e.CorrelateById(m => m.Message.ReminderId));
        Schedule(() => NextMail, x => x.NextMailTokenId, s => s.Received = r => r.CorrelateById(m => m.Message.ReminderId));
        Succeeded(Completed);
        Terminal(Failed);

        Initially(
            WhenStarted(ScheduleReminders, ReminderValidation.Problem,
                valid => valid
                    .Then(x => Start(x.Saga, x.Message, clock))
                    .Schedule(NextMail, x => new ReminderMailDue(x.Saga.CorrelationId, 1), x => x.Saga.NextMailDueAt!.Value)
                    .TransitionTo(Sleeping),
                invalid => invalid
                    .Then(x => Start(x.Saga, x.Message, clock))
                    .TransitionTo(Failed)));

        During(Sleeping,
            When(NextMail.Received)
                .StartStep(steps, SendMailStep, x => SendNext(x.Saga))
                .TransitionTo(Sending));

        During(Sending,
            When(MailSent, x => x.Message.Number == x.Saga.MailsSent + 1)
                .EndStep()
                .Then(x => Sent(x.Saga, x.Message))
                .IfElse(x => x.Saga.MailsSent < MailCount,
                    more => more
                        .Then(x => x.Saga.NextMailDueAt = DueAt(x.Saga.StartedAt, x.Saga.MailsSent + 1))
                        .Schedule(NextMail, x => new ReminderMailDue(x.Saga.CorrelationId, x.Saga.MailsSent + 1), x => x.Saga.NextMailDueAt!.Value)
                        .TransitionTo(Sleeping),
                    done => done
                        .Then(x => x.Saga.NextMailDueAt = null)
                        .Publish(x => new RemindersCompleted(x.Saga.CorrelationId))
                        .TransitionTo(Completed)),
            // An earlier mail's confirmation delivered again.
            When(MailSent, x => x.Message.Number != x.Saga.MailsSent + 1),
            RetryUntilAnswered(x => SendNext(x.Saga)));
    }

    public State Sleeping { get; private set; } = null!;
    public State Sending { get; private set; } = null!;
    public State Completed { get; private set; } = null!;
    public State Failed { get; private set; } = null!;

    public Event<ScheduleReminders> ScheduleReminders { get; private set; } = null!;
    public Event<MailSent> MailSent { get; private set; } = null!;
    public Schedule<ReminderState, ReminderMailDue> NextMail { get; private set; } = null!;

    /// <summary>Counted from the start, not from the previous mail, so a slow send shifts nothing after it.</summary>
    public static DateTime DueAt(DateTime startedAt, int mail) => mail switch
    {
        1 => startedAt.AddDays(1),
        2 => startedAt.AddDays(7),
        3 => startedAt.AddMonths(1),
        _ => throw new ArgumentOutOfRangeException(nameof(mail), mail, $"A reminder sends {MailCount} mails."),
    };

    static void Start(ReminderState saga, ScheduleReminders message, TimeProvider clock)
    {
        saga.Recipient = message.Recipient.Length <= 256 ? message.Recipient : message.Recipient[..256];
        saga.Subject = message.Subject.Length <= 256 ? message.Subject : message.Subject[..256];
        saga.StartedAt = clock.GetUtcNow().UtcDateTime;
        saga.NextMailDueAt = saga.FailureReason is null ? DueAt(saga.StartedAt, 1) : null;
    }

    static SendMail SendNext(ReminderState saga)
    {
        var number = saga.MailsSent + 1;
        return new SendMail(saga.CorrelationId, number, $"reminder-{saga.CorrelationId:N}-{number}", saga.Recipient, saga.Subject);
    }

    static void Sent(ReminderState saga, MailSent message)
    {
        saga.MailsSent = message.Number;
        switch (message.Number)
        {
            case 1:
                saga.FirstMailSentAt = message.SentAt;
                break;
            case 2:
                saga.SecondMailSentAt = message.SentAt;
                break;
            default:
                saga.ThirdMailSentAt = message.SentAt;
                break;
        }
    }
}
