using System.Diagnostics;
using MassTransit;

namespace Sagas.Durability.Telemetry;

/// <summary>
/// Links the spans of a saga's steps by the saga's id. MassTransit tags a span with the message's
/// correlation id only when the message has one, and our contracts carry their ids in the body
/// (<c>TransferId</c>, <c>OrderId</c>), so a saga stamps its id on what it sends (a header) and
/// every receiver tags its span with it and passes it on in what it sends back.
/// </summary>
public static class SagaTracing
{
    /// <summary>The header a message sent by or on behalf of a saga carries.</summary>
    public const string SagaIdHeader = "Sagas-Saga-Id";

    /// <summary>
    /// The id of the message whose consumption sent this one: an answer names the command it
    /// answers, so "which send of the step did this come from" has one answer, and a consumer
    /// that ran twice for one message would show as two answers to it.
    /// </summary>
    public const string CausedByHeader = "Sagas-Caused-By";

    public const string CorrelationIdTag = "saga.correlation_id";
    public const string SagaTypeTag = "saga.type";

    public static void Tag(Activity? activity, Guid sagaId, string? sagaType = null)
    {
        if (activity is not { IsAllDataRequested: true })
            return;
        activity.SetTag(CorrelationIdTag, sagaId.ToString("D"));
        if (sagaType is not null)
            activity.SetTag(SagaTypeTag, sagaType);
    }

    public static Guid? SagaIdOf(ConsumeContext context) =>
        context.Headers.Get<string>(SagaIdHeader) is { } text && Guid.TryParse(text, out var id) ? id : null;
}

/// <summary>Tags the span of any message that carries a saga's id, on every endpoint of the bus.</summary>
sealed class SagaTraceFilter : IFilter<ConsumeContext>
{
    public Task Send(ConsumeContext context, IPipe<ConsumeContext> next)
    {
        if (Activity.Current is not null && SagaTracing.SagaIdOf(context) is { } id)
            SagaTracing.Tag(Activity.Current, id);
        return next.Send(context);
    }

    public void Probe(ProbeContext context) => context.CreateFilterScope("sagaTrace");
}
