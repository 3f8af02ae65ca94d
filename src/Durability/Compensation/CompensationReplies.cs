using MassTransit;
using Sagas.Durability.Activities;
using Sagas.Durability.Sagas;

namespace Sagas.Durability.Compensation;

/// <summary>How an undo activity answers the saga that sent it, whichever workflow that is.</summary>
public static class CompensationReplies
{
    public static Task CompensatedAsync(this ConsumeContext context, Guid correlationId) =>
        context.RespondAsync(new CompensationCompleted(correlationId, StepOf(context)));

    /// <summary>The undo can never succeed (not a transient fault: those are retried); the saga stops and needs a person.</summary>
    public static Task CompensationFailedAsync(this ConsumeContext context, Guid correlationId, string reason) =>
        context.RespondAsync(new CompensationFailed(correlationId, StepOf(context), reason));

    /// <summary>A child saga asked to undo itself after it was forgotten tells its parent that it cannot.</summary>
    internal static Task AnswerForgottenAsync(ConsumeContext<CompensateSaga> context) =>
        ParentHeaders.Of(context) is { } parent
            ? context.CompensationFailedAsync(parent.Id, $"saga {context.Message.CorrelationId} no longer exists, so nothing of it can be undone")
            : Task.CompletedTask;

    static string StepOf(ConsumeContext context) =>
        StepHeaders.Of(context)?.Step ?? throw new InvalidOperationException($"An undo command carries the {StepHeaders.Step} header; {context.MessageId} has none.");
}
