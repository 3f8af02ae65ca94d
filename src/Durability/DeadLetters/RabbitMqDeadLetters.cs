using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using MassTransit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;
using Sagas.Durability.Hosting;

namespace Sagas.Durability.DeadLetters;

/// <summary>
/// Dead letters in RabbitMQ's <c>_error</c> and <c>_skipped</c> queues, read without taking them:
/// messages are fetched unacknowledged on a channel of their own and go back to their place when
/// it closes. A redrive publishes the original body and properties (fault headers removed) to the
/// queue the message failed on, waits for the broker's confirm, and only then acknowledges the
/// dead copy. Queues are found through the management API, else among this process's endpoints
/// and <see cref="RabbitMqDeadLetterOptions.Queues"/>.
/// </summary>
public sealed class RabbitMqDeadLetters(
    RabbitMqConnection broker, IOptions<RabbitMqDeadLetterOptions> options, ReceiveEndpointNames endpoints, ILogger<RabbitMqDeadLetters> logger) : IDeadLetters
{
    readonly RabbitMqDeadLetterOptions _options = options.Value;

    public async Task<IReadOnlyList<DeadLetter>> ListAsync(DeadLetterQuery query, CancellationToken cancellationToken)
    {
        var letters = new List<DeadLetter>();
        await ScanAsync(query, (letter, _) =>
        {
            letters.Add(letter);
            return Task.CompletedTask;
        }, cancellationToken).ConfigureAwait(false);
        return Newest(letters, query.Limit);
    }

    public async Task<DeadLetter?> FindAsync(Guid id, CancellationToken cancellationToken)
    {
        DeadLetter? found = null;
        await ScanAsync(new DeadLetterQuery(), (letter, _) =>
        {
            if (letter.Id == id)
                found ??= letter;
            return Task.CompletedTask;
        }, cancellationToken).ConfigureAwait(false);
        return found;
    }

    public async Task<bool> RedriveAsync(Guid id, CancellationToken cancellationToken)
    {
        var redriven = false;
        await ScanAsync(new DeadLetterQuery(), async (letter, message) =>
        {
            if (letter.Id != id || redriven)
                return;
            await message.RedriveAsync(letter, cancellationToken).ConfigureAwait(false);
            redriven = true;
        }, cancellationToken).ConfigureAwait(false);
        return redriven;
    }

    public async Task<DeadLetterRedrive> RedriveAsync(DeadLetterQuery query, bool dryRun, CancellationToken cancellationToken)
    {
        var (matched, applied) = (0, 0);
        await ScanAsync(query, async (letter, message) =>
        {
            if (matched == query.Limit)
                return;
            matched++;
            if (dryRun)
                return;
            await message.RedriveAsync(letter, cancellationToken).ConfigureAwait(false);
            applied++;
        }, cancellationToken).ConfigureAwait(false);
        return new DeadLetterRedrive(matched, applied, dryRun);
    }

    static List<DeadLetter> Newest(List<DeadLetter> letters, int limit) =>
        letters.OrderByDescending(x => x.FaultedAt ?? DateTime.MinValue).Take(limit).ToList();

    /// <summary>Hands each matching dead letter of each queue to <paramref name="visit"/> while it is held, then lets go of the rest.</summary>
    async Task ScanAsync(DeadLetterQuery query, Func<DeadLetter, HeldMessage, Task> visit, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory { Uri = broker.Host };
        var nodes = broker.Nodes.Select(node => AmqpTcpEndpoint.Parse(node)).ToList();
        await using var connection = await factory.CreateConnectionAsync(nodes, "sagas-dead-letters", cancellationToken).ConfigureAwait(false);
        foreach (var queue in await QueuesAsync(connection, query.Queue, cancellationToken).ConfigureAwait(false))
        {
            // One channel per queue: closing it puts back everything it holds unacknowledged.
            await using var channel = await connection.CreateChannelAsync(
                new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken).ConfigureAwait(false);
            for (var read = 0; read < _options.ScanLimit; read++)
            {
                var result = await channel.BasicGetAsync(queue, autoAck: false, cancellationToken).ConfigureAwait(false);
                if (result is null)
                    break;

                var letter = DeadLetterReader.Read(queue, HeadersOf(result.BasicProperties), result.Body,
                    Guid.TryParse(result.BasicProperties.MessageId, out var messageId) ? messageId : null);
                if (query.Matches(letter))
                    await visit(letter, new HeldMessage(channel, result)).ConfigureAwait(false);
            }

            await channel.CloseAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    static Dictionary<string, string?> HeadersOf(IReadOnlyBasicProperties properties)
    {
        var headers = DeadLetterHeaders.AsText((properties.Headers ?? new Dictionary<string, object?>()).Select(x => new KeyValuePair<string, object?>(x.Key, x.Value)));
        if (properties.ContentType is { } contentType)
            headers["Content-Type"] = contentType;
        return headers;
    }

    async Task<IReadOnlyList<string>> QueuesAsync(IConnection connection, string? only, CancellationToken cancellationToken)
    {
        var candidates = new SortedSet<string>(StringComparer.Ordinal);
        if (only is not null)
            candidates.Add(only);
        else
        {
            candidates.UnionWith(_options.Queues);
            var found = await ManagedQueuesAsync(cancellationToken).ConfigureAwait(false);
            if (found is not null)
                candidates.UnionWith(found);
            else
                candidates.UnionWith(endpoints.All.SelectMany(e => DeadLetterQueues.Suffixes.Select(s => e + s)));
        }

        // A queue that was never created holds nothing; asking RabbitMQ about it must not fail the request.
        var existing = new List<string>();
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        var probe = channel;
        foreach (var queue in candidates.Where(DeadLetterQueues.IsDeadLetterQueue))
        {
            try
            {
                if (probe.IsClosed)
                    probe = await connection.CreateChannelAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
                var declared = await probe.QueueDeclarePassiveAsync(queue, cancellationToken).ConfigureAwait(false);
                if (declared.MessageCount > 0)
                    existing.Add(queue);
            }
            catch (OperationInterruptedException)
            {
                // NOT_FOUND closes the channel; the next queue opens another.
            }
        }

        if (!ReferenceEquals(probe, channel))
            await probe.DisposeAsync().ConfigureAwait(false);
        return existing;
    }

    async Task<IReadOnlyList<string>?> ManagedQueuesAsync(CancellationToken cancellationToken)
    {
        var management = _options.ManagementUrl ?? new UriBuilder("http", broker.Host.Host, 15672).Uri;
        var user = broker.Host.UserInfo.Split(':');
        var vhost = broker.Host.AbsolutePath.Trim('/') is { Length: > 0 } path ? Uri.UnescapeDataString(path) : "/";
        using var http = new HttpClient { BaseAddress = management, Timeout = TimeSpan.FromSeconds(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(
            $"{Uri.UnescapeDataString(user.ElementAtOrDefault(0) is { Length: > 0 } name ? name : "guest")}:{Uri.UnescapeDataString(user.ElementAtOrDefault(1) ?? "guest")}")));
        try
        {
            var queues = await http.GetFromJsonAsync<List<ManagedQueue>>($"api/queues/{Uri.EscapeDataString(vhost)}?columns=name", cancellationToken).ConfigureAwait(false);
            return queues?.Select(q => q.Name).Where(DeadLetterQueues.IsDeadLetterQueue).ToList() ?? [];
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            logger.LogWarning("RabbitMQ's management API at {Url} did not answer ({Reason}); reading the dead-letter queues of known endpoints only", management, exception.Message);
            return null;
        }
    }

    sealed record ManagedQueue(string Name);

    /// <summary>A dead letter fetched and not yet acknowledged.</summary>
    sealed class HeldMessage(IChannel channel, BasicGetResult result)
    {
        public async Task RedriveAsync(DeadLetter letter, CancellationToken cancellationToken)
        {
            var queue = DeadLetterReader.InputQueue(letter.InputAddress) ?? DeadLetterReader.SourceQueue(letter.Queue)
                ?? throw new InvalidOperationException($"Dead letter {letter.Id} of {letter.Queue} names no queue to go back to");

            var properties = new BasicProperties(result.BasicProperties);
            if (properties.Headers is { } headers)
            {
                foreach (var key in headers.Keys.Where(DeadLetterHeaders.AddedByDeadLettering).ToList())
                    headers.Remove(key);
            }

            // The default exchange routes by queue name, so the message reaches that queue only;
            // with confirms on, this returns once RabbitMQ holds it.
            await channel.BasicPublishAsync("", queue, mandatory: true, properties, result.Body, cancellationToken).ConfigureAwait(false);
            await channel.BasicAckAsync(result.DeliveryTag, multiple: false, cancellationToken).ConfigureAwait(false);
        }
    }
}
