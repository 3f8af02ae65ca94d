using System.Diagnostics;
using System.Net;
using Sagas.Tests.Infrastructure;

namespace Sagas.Tests.Chaos;

/// <summary>
/// The fault driver: a random process killed and restarted every 2-5 s throughout, RabbitMQ
/// restarted once and PostgreSQL down for 30 s once meanwhile; and what it saw of the processes.
/// During an outage the first orchestrator and the first worker are spared the kills: they must
/// ride it out by reconnecting, while the others are still killed and restarted into it. On a
/// cluster (scripts/soak.sh --cluster) the broker fault is one node SIGKILLed and restarted.
/// </summary>
sealed class Faults(List<ServiceProcess> processes, HttpClient firstOrchestrator, bool cluster, Action<string> report)
{
    static readonly TimeSpan BrokerAt = TimeSpan.FromSeconds(30);
    static readonly TimeSpan DatabaseAt = TimeSpan.FromSeconds(75);
    static readonly TimeSpan DatabaseDown = TimeSpan.FromSeconds(30);

    readonly Random _random = new(7);
    readonly List<string> _died = [];
    readonly Stopwatch _clock = new();
    int _kills;
    string _lastReadyAnswer = "";
    bool _brokerRestarted;
    bool _readyRefusedWhileDown;
    bool _readyAfter;
    volatile bool _outage;

    public async Task RunAsync(TimeSpan duration)
    {
        _clock.Start();
        var outages = OutagesAsync();
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

    async Task OutagesAsync()
    {
        await Task.Delay(BrokerAt);
        await SpareRidersAsync();
        if (cluster)
        {
            // The node listed first: every process is connected to it, and it leads the queues they declared.
            await ServerRestarts.KillRabbitMqNodeAsync("sagas1", TimeSpan.FromSeconds(15));
            Log("RabbitMQ node sagas1 killed and back after 15 s");
        }
        else
        {
            await ServerRestarts.RestartRabbitMqAsync(TimeSpan.FromSeconds(5));
            Log("RabbitMQ restarted");
        }

        _brokerRestarted = true;
        _outage = false;

        await Task.Delay(DatabaseAt - _clock.Elapsed is { } wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
        await SpareRidersAsync();
        await DatabaseOutageAsync();
        Log($"PostgreSQL back after {DatabaseDown.TotalSeconds:0} s; ready again: {_readyAfter}");
        _outage = false;
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

    /// <summary>No process died by itself, and readiness followed the database down and up.</summary>
    public void AssertRodeOutOutages()
    {
        Assert.True(_died.Count == 0, "died by themselves: " + string.Join("; ", _died));
        Assert.True(_brokerRestarted, "RabbitMQ was not restarted: the run was too short");
        Assert.True(_readyRefusedWhileDown, "/health/ready did not answer 503 while PostgreSQL was down");
        Assert.True(_readyAfter, $"/health/ready did not answer 200 within a minute of PostgreSQL coming back; last answer: {_lastReadyAnswer}");
    }

    public override string ToString() => $"{_kills} kills, RabbitMQ restarted: {_brokerRestarted}, PostgreSQL down {DatabaseDown.TotalSeconds:0} s: {_readyAfter}";

    async Task DatabaseOutageAsync()
    {
        var outage = ServerRestarts.StopPostgresAsync(DatabaseDown);
        while (!outage.IsCompleted)
        {
            _readyRefusedWhileDown |= await ReadyAsync() == HttpStatusCode.ServiceUnavailable;
            await Task.Delay(1000);
        }

        await outage;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!_readyAfter && DateTime.UtcNow < deadline)
        {
            _readyAfter = await ReadyAsync() == HttpStatusCode.OK;
            await Task.Delay(500);
        }
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
            _died.Add($"{process.Assembly}: {string.Join(" | ", process.Output.TakeLast(5))}");
            report($"  {process.Assembly} died by itself; its last lines:{Environment.NewLine}{string.Join(Environment.NewLine, process.Output.TakeLast(60))}");
            process.Start();
        }
    }
}
