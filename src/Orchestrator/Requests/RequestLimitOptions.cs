namespace Sagas.Orchestrator.Requests;

/// <summary>Bound from <c>Sagas:Api</c>.</summary>
public sealed class RequestLimitOptions
{
    public const string Section = "Sagas:Api";

    /// <summary>
    /// The largest request body accepted (1 MiB): far above any start or signal, far below what
    /// RabbitMQ takes in one message, so whatever is accepted can also be published.
    /// </summary>
    public long MaxRequestBodySize { get; set; } = 1024 * 1024;

    /// <summary>How long a call on the workers' data (accounts, stock) waits for a worker to answer before it is a 503.</summary>
    public TimeSpan WorkerTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
