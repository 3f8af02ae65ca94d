namespace Sagas.Durability.Activities;

/// <summary>
/// Marks an activity that runs for minutes or hours and heartbeats. It runs outside the inbox/outbox
/// transaction: holding one for its whole run would keep a database connection and locks that long
/// (on SQLite, every other writer of the process would wait for it). So it must be idempotent on its
/// own, as a step sent again after its deadline runs it again anyway, and it answers straight to the
/// saga, which takes only the answer of the send it waits on.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class LongActivityAttribute : Attribute;
