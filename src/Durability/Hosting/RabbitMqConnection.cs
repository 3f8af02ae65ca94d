using MassTransit;

namespace Sagas.Durability.Hosting;

/// <summary>
/// <c>ConnectionStrings:RabbitMq</c>: one broker, <c>amqp://user:password@host:5672/vhost</c>, or the
/// nodes of a cluster separated by commas, <c>amqp://user:password@node1:5672,node2:5672,node3:5672/vhost</c>.
/// The client connects to the first node that answers and, when it loses that node, to the next.
/// </summary>
public sealed record RabbitMqConnection(Uri Host, IReadOnlyList<string> Nodes)
{
    public static RabbitMqConnection Parse(string connectionString)
    {
        var authorityStart = connectionString.IndexOf("://", StringComparison.Ordinal) is var scheme and >= 0
            ? scheme + 3
            : throw new FormatException($"ConnectionStrings:RabbitMq must be an amqp:// URI (e.g. amqp://guest:guest@localhost:5672/); '{Redacted(connectionString)}' is not.");
        var pathStart = connectionString.IndexOfAny(['/', '?'], authorityStart) is var path and >= 0 ? path : connectionString.Length;
        var authority = connectionString[authorityStart..pathStart];
        var hostsStart = authority.LastIndexOf('@') + 1;
        var nodes = authority[hostsStart..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (nodes.Length == 0)
            throw new FormatException($"ConnectionStrings:RabbitMq names no host: '{Redacted(connectionString)}'.");

        var first = connectionString[..authorityStart] + authority[..hostsStart] + nodes[0] + connectionString[pathStart..];
        return Uri.TryCreate(first, UriKind.Absolute, out var host)
            ? new RabbitMqConnection(host, nodes)
            : throw new FormatException($"ConnectionStrings:RabbitMq is not a valid URI: '{Redacted(connectionString)}'.");
    }

    /// <summary>The connection string without its password, for error messages.</summary>
    static string Redacted(string connectionString) =>
        System.Text.RegularExpressions.Regex.Replace(connectionString, "(://[^:@/]*:)[^@/]*@", "$1***@");
}

public static class RabbitMqConnectionExtensions
{
    /// <summary>The broker, or each node of the cluster in the order given.</summary>
    public static void Host(this IRabbitMqBusFactoryConfigurator cfg, RabbitMqConnection connection) =>
        cfg.Host(connection.Host, host =>
        {
            if (connection.Nodes.Count > 1)
                host.UseCluster(cluster => connection.Nodes.ToList().ForEach(cluster.Node));
        });
}
