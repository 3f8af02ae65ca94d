namespace Sagas.Durability.Outbox;

/// <summary>
/// A saga's load found its message's inbox claim taken: another copy was consumed. Nothing the
/// attempt did is kept, and the message is acknowledged.
/// </summary>
public sealed class MessageAlreadyConsumedException() : Exception("This message was already consumed: its inbox claim is taken");
