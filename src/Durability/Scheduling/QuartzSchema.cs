using System.Reflection;

namespace Sagas.Durability.Scheduling;

/// <summary>
/// Quartz's job store tables, for our migrations to create. The statements are the ones Quartz
/// ships inside its assembly for its own schema provisioning, so the tables always match the
/// Quartz version we run; every statement is IF NOT EXISTS, so running them again is harmless.
/// </summary>
public static class QuartzSchema
{
    public const string TablePrefix = "qrtz_";

    /// <param name="dialect"><c>postgres</c> or <c>sqlite</c>.</param>
    public static IReadOnlyList<string> CreateStatements(string dialect)
    {
        var resource = $"Quartz.Impl.AdoJobStore.Schema.create_{dialect}.sql";
        using var stream = typeof(Quartz.IJob).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Quartz {typeof(Quartz.IJob).Assembly.GetName().Version} has no schema script {resource}.");
        using var reader = new StreamReader(stream);
        var script = reader.ReadToEnd().Replace("{0}", TablePrefix).Replace("{1}", TablePrefix);

        // Statements are separated by lines that read exactly "--;;".
        var statements = new List<string>();
        var current = new List<string>();
        foreach (var line in script.Split('\n').Select(line => line.TrimEnd('\r')))
        {
            if (line == "--;;")
            {
                Flush();
                continue;
            }

            if (!line.TrimStart().StartsWith("--", StringComparison.Ordinal))
                current.Add(line);
        }

        Flush();
        return statements;

        void Flush()
        {
            var statement = string.Join('\n', current).Trim();
            if (statement.Length > 0)
                statements.Add(statement);
            current.Clear();
        }
    }
}
