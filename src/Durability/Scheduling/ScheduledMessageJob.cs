using System.Globalization;
using System.Net.Mime;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MassTransit;
using MassTransit.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Quartz;
using Sagas.Durability.Outbox;
using Sagas.Durability.Storage;

namespace Sagas.Durability.Scheduling;

/// <summary>Sends a trigger's stored message to its destination with its original envelope.</summary>
public sealed class ScheduledMessageJob(IBus bus, IServiceScopeFactory scopes, DurableDatabase database, TimeProvider clock, ILogger<ScheduledMessageJob> logger)
    : IJob
{
    /// <summary>The job's key in the inbox, where each message a fire sends is recorded first.</summary>
    static readonly Guid InboxConsumerId = InboxClaim.ConsumerIdOf(typeof(ScheduledMessageJob).FullName!);

    /// <summary>
    /// Why this send of a scheduled message happened: <c>fire</c> (the trigger fired), <c>retry</c>
    /// (the fire's send failed and Quartz fired it again) or <c>recovery</c> (the node firing it died
    /// and another took it over). Each timer sends one <c>fire</c>; the others repeat a send that may
    /// have arrived, with the same message id, which the receiver's inbox drops.
    /// </summary>
    public const string SendHeader = "Sagas-Timer-Send";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var data = context.MergedJobDataMap;
        var destination = new Uri(Required(data, ScheduledMessageKeys.Destination));
        var endpoint = await bus.GetSendEndpoint(destination).ConfigureAwait(false);
        var send = context.Recovering ? "recovery" : context.RetryAttempt > 0 ? "retry" : "fire";
        var messageId = MessageIdFor(context);
        if (send == "fire" && !await ClaimFireAsync(messageId, cancellationToken).ConfigureAwait(false))
        {
            logger.LogInformation("Scheduled message {MessageId} was sent by an earlier fire of its timer; this fire sends nothing", messageId);
            return;
        }

        var pipe = new ForwardPipe(data, messageId, send);

        await endpoint.Send(new SerializedMessageBody(), pipe, cancellationToken).ConfigureAwait(false);
        logger.LogDebug("Sent scheduled {MessageTypes} to {Destination}", data.GetString(ScheduledMessageKeys.MessageTypes), destination);
    }

    /// <summary>
    /// Records a fire's message in the inbox before it is sent; false if an earlier fire did. A timer
    /// fires twice when its trigger was stored twice, or when clustered nodes that missed their
    /// check-ins (a database outage) each take over the other's triggers. A retry or a recovery of a
    /// fire does not ask: its fire may have died between this record and the send.
    /// </summary>
    async Task<bool> ClaimFireAsync(Guid messageId, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DurabilityDbContext>();
        return await InboxClaim.ClaimAloneAsync(db, database, messageId, InboxConsumerId, clock.GetUtcNow().UtcDateTime, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A one-shot message keeps the id it was scheduled with. A recurring one gets an id derived
    /// from its trigger and the fire time it stands for: distinct per fire, yet the same when a
    /// node died mid-fire and Quartz recovers the job under a recovery trigger (which carries the
    /// original trigger and its fire time, to the second), so the receiver's inbox drops the repeat.
    /// </summary>
    static Guid MessageIdFor(IJobExecutionContext context)
    {
        var data = context.MergedJobDataMap;
        if (data.TryGetString(ScheduledMessageKeys.MessageId, out var stored) && Guid.TryParse(stored, out var id))
            return id;

        var (trigger, fireTime) = context.Recovering && context.RecoveringTriggerKey is { } original
            && data.TryGetString(SchedulerConstants.FailedJobOriginalTriggerScheduledFireTime, out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var scheduled)
                ? (original, scheduled)
                : (context.Trigger.Key, context.ScheduledFireTimeUtc ?? context.FireTimeUtc);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{trigger}|{fireTime.ToUnixTimeSeconds()}"));
        return new Guid(hash.AsSpan(0, 16));
    }

    static string Required(JobDataMap data, string key) =>
        data.TryGetString(key, out var value) && value is not null
            ? value
            : throw new InvalidOperationException($"The scheduled message's trigger has no '{key}'.");

    sealed class ForwardPipe(JobDataMap data, Guid messageId, string send) : IPipe<SendContext>
    {
        public Task Send(SendContext context)
        {
            var contentType = new ContentType(Required(data, ScheduledMessageKeys.ContentType));
            var deserializer = context.Serialization.GetMessageDeserializer(contentType);
            var body = deserializer.GetMessageBody(Required(data, ScheduledMessageKeys.Body));
            var stored = data.TryGetString(ScheduledMessageKeys.Headers, out var json) && json is not null
                ? JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? []
                : [];
            var headers = new DictionarySendHeaders();
            foreach (var (key, value) in stored)
                headers.Set(key, value);
            var serializer = deserializer.Deserialize(body, headers, new Uri(Required(data, ScheduledMessageKeys.Destination)));

            context.MessageId = messageId;
            context.CorrelationId = Id(ScheduledMessageKeys.CorrelationId);
            context.ConversationId = Id(ScheduledMessageKeys.ConversationId);
            context.InitiatorId = Id(ScheduledMessageKeys.InitiatorId);
            context.RequestId = Id(ScheduledMessageKeys.RequestId);
            context.SourceAddress = Address(ScheduledMessageKeys.SourceAddress);
            context.ResponseAddress = Address(ScheduledMessageKeys.ResponseAddress);
            context.FaultAddress = Address(ScheduledMessageKeys.FaultAddress);
            context.SupportedMessageTypes = Required(data, ScheduledMessageKeys.MessageTypes).Split(';', StringSplitOptions.RemoveEmptyEntries);
            context.Headers.Set(MessageHeaders.SchedulingTokenId, data.GetString(ScheduledMessageKeys.TokenId));
            context.Headers.Set(SendHeader, send);
            if (data.TryGetString(ScheduledMessageKeys.ExpirationTime, out var expires) && DateTime.TryParse(expires, null, System.Globalization.DateTimeStyles.RoundtripKind, out var expiration))
                context.TimeToLive = expiration.ToUniversalTime() - DateTime.UtcNow;
            foreach (var (key, value) in stored)
                context.Headers.Set(key, value);

            context.Serializer = serializer.GetMessageSerializer();
            return Task.CompletedTask;

            Guid? Id(string key) => data.TryGetString(key, out var value) && Guid.TryParse(value, out var id) ? id : null;
            Uri? Address(string key) => data.TryGetString(key, out var value) && !string.IsNullOrEmpty(value) ? new Uri(value) : null;
        }

        public void Probe(ProbeContext context)
        {
        }
    }
}
