namespace Sagas.Durability.Scheduling;

/// <summary>Names of the Quartz jobs, groups and job data the bridge stores.</summary>
static class ScheduledMessageKeys
{
    public const string Job = "send-scheduled-message";
    public const string RecurringGroup = "recurring";
    public const string CancelledGroup = "cancelled";

    public const string Destination = "destination";
    public const string Body = "body";
    public const string ContentType = "content-type";
    public const string MessageTypes = "message-types";
    public const string MessageId = "message-id";
    public const string TokenId = "token-id";
    public const string CorrelationId = "correlation-id";
    public const string ConversationId = "conversation-id";
    public const string InitiatorId = "initiator-id";
    public const string RequestId = "request-id";
    public const string SourceAddress = "source-address";
    public const string ResponseAddress = "response-address";
    public const string FaultAddress = "fault-address";
    public const string ExpirationTime = "expiration-time";
    public const string Headers = "headers";

    /// <summary>One-shot triggers are keyed by the token MassTransit hands back to the caller.</summary>
    public static Quartz.TriggerKey OneShot(Guid tokenId) => new(tokenId.ToString("N"));

    public static Quartz.TriggerKey Recurring(string scheduleId, string? scheduleGroup) =>
        new(scheduleId, string.IsNullOrWhiteSpace(scheduleGroup) ? RecurringGroup : RecurringGroup + "." + scheduleGroup);

    public static Quartz.JobKey Cancellation(Guid tokenId) => new(tokenId.ToString("N"), CancelledGroup);
}
