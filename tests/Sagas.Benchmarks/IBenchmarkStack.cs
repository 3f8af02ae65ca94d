namespace Sagas.Benchmarks;

/// <summary>Where the sagas run: the settings for the in-process orchestrator and whatever else must run beside it.</summary>
public interface IBenchmarkStack : IAsyncDisposable
{
    string Description { get; }

    Dictionary<string, string?> Settings { get; }

    /// <summary>Called once the orchestrator has migrated the database and its bus listens.</summary>
    Task OrchestratorStartedAsync(CancellationToken cancellationToken);
}
