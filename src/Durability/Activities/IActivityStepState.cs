namespace Sagas.Durability.Activities;

/// <summary>What a saga keeps about the activity step it is waiting on; plain columns on its row.</summary>
public interface IActivityStepState
{
    /// <summary>The activity being waited on, named as in <c>Sagas:Activities:{Name}</c>; null between steps.</summary>
    string? CurrentStep { get; set; }

    /// <summary>Sends of the current step so far.</summary>
    int StepAttempt { get; set; }

    /// <summary>The token of the pending <see cref="StepTimedOut"/> timer.</summary>
    Guid? StepTimeoutTokenId { get; set; }
}
