using Sagas.Durability.Storage;

namespace Sagas.Durability.Hosting;

public enum TransportKind
{
    InMemory,
    RabbitMq,
}

/// <summary>The <c>Sagas</c> configuration section, shared by every process of a deployment.</summary>
public sealed class SagasOptions
{
    public const string Section = "Sagas";

    public TransportKind Transport { get; set; } = TransportKind.InMemory;

    public DatabaseProvider Database { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply EF Core migrations when a process starts.</summary>
    public bool ApplyMigrations { get; set; } = true;

    /// <summary>Messages each receive endpoint handles at once.</summary>
    public int ConcurrentMessageLimit { get; set; } = 16;

    public RabbitMqOptions RabbitMq { get; set; } = new();
}
