using System.Diagnostics;
using System.Net;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Chaos;

/// <summary>
/// The fault driver: a random process killed and restarted every 2-5 s throughout, and every five
/// minutes (once in a CI-length run) RabbitMQ restarted and then PostgreSQL down for 30 s; and what
/// it saw of the processes. During an outage the first orchestrator and the first worker are spared
/// the kills: they must ride it out by reconnecting, while the others are still killed and restarted
/// into it. On a cluster (scripts/soak.sh --cluster) the broker fault is one node SIGKILLed and restarted.
/// </summary>
sealed class Faults(List<ServiceProcess> processes, HttpClient firstOrchestrator, bool cluster, Action<string> report)
{
    static readonly TimeSpan Cycle = TimeSpan.FromMinutes(5);
    static readonly TimeSpan BrokerAt = TimeSpan.FromSeconds(30);
    static readonly TimeSpan DatabaseAt = TimeSpan.FromSeconds(75);
    static readonly TimeSpan DatabaseDown = TimeSpan.FromSeconds(30);

    readonly Random _random = new(7);
    readonly List<string> _died = [];
    readonly List<string> _readinessMissed = [];
    readonly Stopwatch _clock = new();
    int _kills;
    int _brokerFaults;
    int _databaseOutages;
    string _lastReadyAnswer = "";
    volatile bool _outage;

    public async Task RunAsync(TimeSpan duration)
    {
        _clock.Start();
        var outages = OutagesAsync(duration);
        while (_clock.Elapsed < duration || !outages.IsCompleted)
        {
            await Task.Delay(_random.Next(2000, 5000));
            FindDead();
            var victims = _outage ? processes.Where(p => !RidesOutOutages(p)).ToList() : processes;
            var victim = victims[_random.Next(victims.Count)];
            victim.Restart();
            _kills++;
            Log($"killed and restarted {victim.Assembly}");
        }

        await outages;
    }

    async Task OutagesAsync(TimeSpan duration)
    {
        for (var cycle = TimeSpan.Zero; cycle + DatabaseAt + DatabaseDown < duration; cycle += Cycle)
        {
            await UntilAsync(cycle + BrokerAt);
            await SpareRidersAsync();
            if (cluster)
            {
                // The node listed first: every process is connected to it, and it leads the queues they declared.
                var killedAt = _clock.Elapsed;
                await ServerRestarts.KillRabbitMqNodeAsync("sagas1", TimeSpan.FromSeconds(15));
                Log($"RabbitMQ node sagas1 SIGKILLed at {killedAt.TotalSeconds:0} s, started again 15 s later, back in its cluster now");
            }
            else
            {
                await ServerRestarts.RestartRabbitMqAsync(TimeSpan.FromSeconds(5));
                Log("RabbitMQ restarted");
            }

            _brokerFaults++;
            _outage = false;

            await UntilAsync(cycle + DatabaseAt);
            await SpareRidersAsync();
            await DatabaseOutageAsync();
            _databaseOutages++;
            _outage = false;
        }
    }

    async Task UntilAsync(TimeSpan at)
    {
        if (at - _clock.Elapsed is { } wait && wait > TimeSpan.Zero)
            await Task.Delay(wait);
    }

    /// <summary>
    /// Stops killing the processes that must ride the outage out, and lets them finish starting
    /// (the first orchestrator answers ready, the first worker has run 10 s) before it begins.
    /// </summary>
    async Task SpareRidersAsync()
    {
        _outage = true;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while ((await ReadyAsync() != HttpStatusCode.OK || processes.Where(RidesOutOutages).Any(p => DateTime.UtcNow - p.StartedAt < TimeSpan.FromSeconds(10)))
            && DateTime.UtcNow < deadline)
            await Task.Delay(500);
    }

    bool RidesOutOutages(ServiceProcess process) =>
        process == processes.First(p => p.Assembly == process.Assembly);

    void Log(string line) => report($"  {_clock.Elapsed.TotalSeconds:0} s: {line}");

    /// <summary>Restarts what died by itself, and waits for the orchestrator the test talks to (it may just have been killed).</summary>
    public async Task EnsureRunningAsync()
    {
        FindDead();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (await ReadyAsync() != HttpStatusCode.OK)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"the orchestrator was not ready a minute after the faults stopped; last answer: {_lastReadyAnswer}");
            await Task.Delay(500);
        }
    }

    /// <summary>No process died by itself, and readiness followed the database down and up each time.</summary>
    public void AssertRodeOutOutages()
    {
        Assert.True(_died.Count == 0, "died by themselves: " + string.Join("; ", _died));
        Assert.True(_brokerFaults > 0 && _databaseOutages > 0, "the run was too short for an outage");
        Assert.True(_readinessMissed.Count == 0, string.Join("; ", _readinessMissed));
    }

    public override string ToString() =>
        $"{_kills} kills, {_brokerFaults} {(cluster ? "RabbitMQ nodes killed" : "RabbitMQ restarts")}, {_databaseOutages} PostgreSQL outages of {DatabaseDown.TotalSeconds:0} s";

    /// <summary>PostgreSQL down, while the first orchestrator's readiness is watched: 503 while it is down, 200 within a minute after.</summary>
    async Task DatabaseOutageAsync()
    {
        var outage = ServerRestarts.StopPostgresAsync(DatabaseDown);
        var refused = false;
        while (!outage.IsCompleted)
        {
            refused |= await ReadyAsync() == HttpStatusCode.ServiceUnavailable;
            await Task.Delay(1000);
        }

        await outage;
        var ready = false;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!ready && DateTime.UtcNow < deadline)
        {
            ready = await ReadyAsync() == HttpStatusCode.OK;
            await Task.Delay(500);
        }

        Log($"PostgreSQL back after {DatabaseDown.TotalSeconds:0} s; /health/ready answered 503 while down: {refused}, 200 after: {ready}");
        if (!refused)
            _readinessMissed.Add($"/health/ready did not answer 503 while PostgreSQL was down (outage {_databaseOutages + 1})");
        if (!ready)
            _readinessMissed.Add($"/health/ready did not answer 200 within a minute of PostgreSQL coming back (outage {_databaseOutages + 1}); last answer: {_lastReadyAnswer}");
    }

    async Task<HttpStatusCode?> ReadyAsync()
    {
        try
        {
            using var response = await firstOrchestrator.GetAsync("/health/ready");
            _lastReadyAnswer = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            return response.StatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            // Not listening (just killed, or starting), or too slow to answer: not ready.
            _lastReadyAnswer = exception.GetType().Name;
            return null;
        }
    }

    void FindDead()
    {
        foreach (var process in processes.Where(p => !p.IsRunning))
        {
            var log = Path.Combine(Path.GetTempPath(), $"sagas-chaos-died-{Guid.NewGuid():N}.log");
            File.WriteAllLines(log, process.Output);
            _died.Add($"{process.Assembly} (its output: {log}): {string.Join(" | ", process.Output.TakeLast(5))}");
            Log($"{process.Assembly} died by itself; its output is in {log}");
            process.Start();
        }
    }
}
