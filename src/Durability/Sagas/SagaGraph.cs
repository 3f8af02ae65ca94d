namespace Sagas.Durability.Sagas;

/// <summary>A state machine as its definition declares it: every state, and each (state, event) that moves to another.</summary>
public sealed record SagaGraph(IReadOnlyList<string> States, IReadOnlyList<string> Events, IReadOnlyList<SagaTransition> Transitions);

public sealed record SagaTransition(string From, string Event, string To);
