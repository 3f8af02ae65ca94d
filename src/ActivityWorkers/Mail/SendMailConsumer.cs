using MassTransit;
using Microsoft.EntityFrameworkCore;
using Sagas.ActivityWorkers.Ledger;
using Sagas.Contracts;

namespace Sagas.ActivityWorkers.Mail;

/// <summary>
/// Sends a mail once per reference. A failed send throws, so the activity's retry policy tries
/// again in a new transaction; the saga only hears of the mail once it went out.
/// </summary>
public sealed class SendMailConsumer(LedgerDbContext db, SimulatedMailOutage outage, TimeProvider clock) : IConsumer<SendMail>
{
    public async Task Consume(ConsumeContext<SendMail> context)
    {
        var request = context.Message;
        var mail = await db.Set<SentMail>().SingleOrDefaultAsync(x => x.Reference == request.Reference, context.CancellationToken);
        if (mail is null)
        {
            outage.ThrowIfDown(request.Reference);
            mail = new SentMail
            {
                Reference = request.Reference,
                Recipient = request.Recipient,
                Subject = request.Subject,
                SentAt = clock.GetUtcNow().UtcDateTime,
            };
            db.Add(mail);
        }

        await context.Publish(new MailSent(request.ReminderId, request.Number, mail.SentAt));
    }
}
