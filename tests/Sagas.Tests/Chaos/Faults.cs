using System.Diagnostics;
using System.Net;
using Sagas.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Sagas.Tests.Chaos;

/// <summary>
/// The fault driver: a random process killed and restarted every 2-5 s, RabbitMQ restarted once,
/// PostgreSQL down for 30 s once; and what it saw of the processes meanwhile.
/// </summary>
sealed class Faults(List<ServiceProcess> processes, IReadOnlyList<HttpClient> orchestrators, ITestOutputHelper output)
{
    static readonly TimeSpan BrokerAt = TimeSpan.FromSeconds(30);
    static readonly TimeSpan DatabaseAt = TimeSpan.FromSeconds(75);
    static readonly TimeSpan DatabaseDown = TimeSpan.FromSeconds(30);

    readonly Random _random = new(7);
    readonly List<string> _died = [];
    int _kills;
    bool _brokerRestarted;
    bool _readyRefusedWhileDown;
    bool _readyAfter;

    public async Task RunAsync(TimeSpan duration)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            await Task.Delay(_random.Next(2000, 5000));
            FindDead();
            if (!_brokerRestarted && clock.Elapsed > BrokerAt)
            {
                await QuietAsync();
                await ServerRestarts.RestartRabbitMqAsync(TimeSpan.FromSeconds(5));
                _brokerRestarted = true;
                output.WriteLine($"  {clock.Elapsed.TotalSeconds:0} s: RabbitMQ restarted");
            }
            else if (!_readyAfter && clock.Elapsed > DatabaseAt)
            {
                await QuietAsync();
                await DatabaseOutageAsync();
                output.WriteLine($"  {clock.Elapsed.TotalSeconds:0} s: PostgreSQL back after {DatabaseDown.TotalSeconds:0} s");
            }
            else
            {
                var victim = processes[_random.Next(processes.Count)];
                victim.Restart();
                _kills++;
                output.WriteLine($"  {clock.Elapsed.TotalSeconds:0} s: killed and restarted {victim.Assembly}");
            }
        }
    }

    /// <summary>Restarts what died by itself, and waits for the orchestrator the test talks to (it may just have been killed).</summary>
    public async Task EnsureRunningAsync()
    {
        FindDead();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (await ReadyAsync() != HttpStatusCode.OK)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("the orchestrator was not ready a minute after the faults stopped");
            await Task.Delay(500);
        }
    }

    /// <summary>No process died by itself, and readiness followed the database down and up.</summary>
    public void AssertRodeOutOutages()
    {
        Assert.True(_died.Count == 0, "died by themselves: " + string.Join("; ", _died));
        Assert.True(_brokerRestarted, "RabbitMQ was not restarted: the run was too short");
        Assert.True(_readyRefusedWhileDown, "/health/ready did not answer 503 while PostgreSQL was down");
        Assert.True(_readyAfter, "/health/ready did not answer 200 after PostgreSQL came back");
    }

    public override string ToString() => $"{_kills} kills, RabbitMQ restarted: {_brokerRestarted}, PostgreSQL down {DatabaseDown.TotalSeconds:0} s: {_readyAfter}";

    /// <summary>
    /// An outage is meant to be ridden out by running processes, so none is still starting when it
    /// begins: both orchestrators answer ready, and a worker restarted last has had time to start.
    /// </summary>
    async Task QuietAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        foreach (var orchestrator in orchestrators)
        {
            while (await ReadyAsync(orchestrator) != HttpStatusCode.OK && DateTime.UtcNow < deadline)
                await Task.Delay(500);
        }

        await Task.Delay(TimeSpan.FromSeconds(5));
    }

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

    Task<HttpStatusCode?> ReadyAsync() => ReadyAsync(orchestrators[0]);

    static async Task<HttpStatusCode?> ReadyAsync(HttpClient orchestrator)
    {
        try
        {
            using var response = await orchestrator.GetAsync("/health/ready");
            return response.StatusCode;
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            // Not listening (just killed, or starting), or too slow to answer: not ready.
            return null;
        }
    }

    void FindDead()
    {
        foreach (var process in processes.Where(p => !p.IsRunning))
        {
            _died.Add($"{process.Assembly}: {string.Join(" | ", process.Output.TakeLast(5))}");
            process.Start();
        }
    }
}
