using System.Net.Sockets;
using MassTransit;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Sagas.Durability.Hosting;

/// <summary>How long a message waits out a database that does not answer (<c>Sagas:DatabaseOutage</c>).</summary>
public sealed class DatabaseOutageOptions
{
    /// <summary>Retries stop after about this long, and the message goes to the error queue with its cause.</summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The longest pause between two tries.</summary>
    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// A database restart or a dropped connection says nothing about the message: it is retried,
/// with backoff, for as long as the outage lasts, never dead-lettered for it.
/// </summary>
public static class DatabaseOutage
{
    /// <summary>True for failures of the connection or the server, not of the message: anywhere in the exception's chain.</summary>
    public static bool IsTransient(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException postgres when IsOutageState(postgres.SqlState):
                case NpgsqlException { IsTransient: true }:
                case NpgsqlException { InnerException: SocketException or IOException or EndOfStreamException }:
                case SqliteException { SqliteErrorCode: 5 or 6 }: // SQLITE_BUSY, SQLITE_LOCKED
                case SocketException:
                    return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Retries <see cref="IsTransient"/> failures (and only those) with backoff up to
    /// <see cref="DatabaseOutageOptions.RetryFor"/>. Configure it inside the endpoint's other
    /// retries, which should ignore these failures, and outside the durable outbox.
    /// </summary>
    public static void UseDatabaseOutageRetry(this IReceiveEndpointConfigurator endpoint, IRegistrationContext context)
    {
        var options = context.GetService<IOptions<DatabaseOutageOptions>>()?.Value ?? new DatabaseOutageOptions();
        endpoint.UseMessageRetry(r =>
        {
            r.Handle<Exception>(IsTransient);
            r.Intervals(Backoff(options).ToArray());
        });
    }

    /// <summary>
    /// Runs <paramref name="action"/>, waiting out <see cref="IsTransient"/> failures with the same
    /// backoff as a message: for work outside any message, such as migrations at start.
    /// </summary>
    public static async Task WaitOutAsync(string during, Func<Task> action, DatabaseOutageOptions options, ILogger? logger, CancellationToken cancellationToken)
    {
        using var pauses = Backoff(options).GetEnumerator();
        while (true)
        {
            try
            {
                await action().ConfigureAwait(false);
                return;
            }
            catch (Exception exception) when (IsTransient(exception) && pauses.MoveNext())
            {
                logger?.LogWarning("The database does not answer {During} ({Reason}); trying again in {Pause}", during, exception.Message, pauses.Current);
                await Task.Delay(pauses.Current, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>For an endpoint's other retry policies: the outage retry takes these.</summary>
    public static void IgnoreDatabaseOutages(this IRetryConfigurator retry) => retry.Ignore<Exception>(IsTransient);

    /// <summary>1 s doubling to the maximum, until the pauses add up to the bound.</summary>
    static IEnumerable<TimeSpan> Backoff(DatabaseOutageOptions options)
    {
        var (total, next) = (TimeSpan.Zero, TimeSpan.FromSeconds(1));
        while (total < options.RetryFor)
        {
            yield return next;
            total += next;
            next = next * 2 < options.MaxInterval ? next * 2 : options.MaxInterval;
        }
    }

    /// <summary>Connection exceptions (08), insufficient resources (53), operator intervention such as a shutdown (57P), system errors (58).</summary>
    static bool IsOutageState(string state) =>
        state.StartsWith("08", StringComparison.Ordinal) || state.StartsWith("53", StringComparison.Ordinal)
        || state.StartsWith("57P", StringComparison.Ordinal) || state.StartsWith("58", StringComparison.Ordinal);
}
