namespace Sagas.Durability.DeadLetters;

/// <summary>
/// The dead letters of every queue of the deployment: RabbitMQ's <c>_error</c> and <c>_skipped</c>
/// queues on the real stack, the <c>dead_letters</c> table on the embedded default.
/// </summary>
public interface IDeadLetters
{
    /// <summary>Matching dead letters, newest first.</summary>
    Task<IReadOnlyList<DeadLetter>> ListAsync(DeadLetterQuery query, CancellationToken cancellationToken);

    Task<DeadLetter?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>
    /// Sends the message back to the queue it failed on and then removes it from the dead letters,
    /// in that order: a crash between the two leaves a copy behind, never nothing (the receivers'
    /// inboxes drop the duplicate). False when no dead letter has that id.
    /// </summary>
    Task<bool> RedriveAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Redrives every match (up to the query's limit); with <paramref name="dryRun"/> only counts them.</summary>
    Task<DeadLetterRedrive> RedriveAsync(DeadLetterQuery query, bool dryRun, CancellationToken cancellationToken);
}
