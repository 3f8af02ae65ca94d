using MassTransit;

namespace Sagas.Durability.Activities;

/// <summary>
/// Headers a step's command carries, so the activity can say which send of which step its
/// heartbeats belong to without every command contract repeating them.
/// </summary>
public static class StepHeaders
{
    public const string Step = "Sagas-Step";
    public const string Attempt = "Sagas-Step-Attempt";

    public static (string Step, int Attempt)? Of(ConsumeContext context) =>
        context.Headers.Get<string>(Step) is { } step && context.Headers.Get<int>(Attempt) is { } attempt
            ? (step, attempt)
            : null;
}
