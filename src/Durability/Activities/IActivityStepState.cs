namespace Sagas.Durability.Activities;

/// <summary>What a saga keeps about the activity step it is waiting on; plain columns on its row.</summary>
public interface IActivityStepState
{
    /// <summary>The activity being waited on, named as in <c>Sagas:Activities:{Name}</c>; null between steps.</summary>
    string? CurrentStep { get; set; }

    /// <summary>Sends of the current step so far; with <see cref="CurrentStep"/> it is the token a <see cref="StepTimedOut"/> must match.</summary>
    int StepAttempt { get; set; }

    /// <summary>
    /// When the saga stops waiting for the current send. Written by the same UPDATE as the transition
    /// that sends the step and cleared by the one that ends it; <see cref="StepDeadlineSweeper{TContext}"/>
    /// raises <see cref="StepTimedOut"/> once it has passed. Null while nothing is awaited.
    /// </summary>
    DateTime? StepDeadline { get; set; }
}
