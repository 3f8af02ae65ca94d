using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Sagas.ActivityWorkers.Activities;
using Sagas.Durability.Hosting;
using Sagas.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Sagas.Tests.Durability.Activities;

/// <summary>
/// A task queue's limits, measured on the real stack: a worker serving it with a concurrency limit
/// of 2 and a rate limit of 5 a second runs at most two of its commands at once, and starts twenty of
/// them over at least two seconds (without the rate limit, two runners finish them in half a second).
/// </summary>
public sealed class TaskQueueLimitTests(ITestOutputHelper output)
{
    const string Queue = "slow-work.limited";

    [Fact]
    public Task A_worker_runs_at_most_a_task_queues_concurrency_and_starts_at_most_its_rate() => TestStacks.OnRealStackAsync(async settings =>
    {
        settings[$"Sagas:Worker:Queues:{Queue}:ConcurrencyLimit"] = "2";
        settings[$"Sagas:Worker:Queues:{Queue}:RateLimit"] = "5";
        var runs = new Runs();
        await using var host = await OrchestratorHost.StartAsync(settings, bus =>
        {
            bus.AddSingleton(runs);
            bus.AddActivity<SlowWorkConsumer, ActivityDefinition<SlowWorkConsumer>>(ActivityDefinition<SlowWorkConsumer>.QueueName);
        });

        var endpoint = await host.Bus.GetSendEndpoint(new Uri($"queue:{Queue}"));
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => endpoint.Send(new SlowWork(i))));
        await Eventually.TrueAsync(() => Task.FromResult(runs.Finished == 20), "twenty commands to finish");

        var starts = runs.Starts;
        var span = starts[^1] - starts[0];
        output.WriteLine($"at most {runs.MostAtOnce} at once; twenty started over {span.TotalSeconds:0.00} s");
        Assert.Equal(2, runs.MostAtOnce);
        // Five per second take four fills for twenty; the first can come at any point of its second, so the
        // last is at least two seconds after it.
        Assert.True(span >= TimeSpan.FromSeconds(1.8), $"twenty commands started within {span.TotalSeconds:0.00} s");
    });

    public sealed record SlowWork(int Number);

    /// <summary>When each command started, and how many ran at once at most.</summary>
    public sealed class Runs
    {
        readonly ConcurrentQueue<DateTime> _starts = new();
        int _running;
        int _finished;

        public int MostAtOnce { get; private set; }

        public int Finished => _finished;

        public List<DateTime> Starts => [.. _starts.Order()];

        public void Started()
        {
            _starts.Enqueue(DateTime.UtcNow);
            var running = Interlocked.Increment(ref _running);
            lock (_starts)
                MostAtOnce = Math.Max(MostAtOnce, running);
        }

        public void Ended()
        {
            Interlocked.Decrement(ref _running);
            Interlocked.Increment(ref _finished);
        }
    }

    public sealed class SlowWorkConsumer(Runs runs) : IConsumer<SlowWork>
    {
        public async Task Consume(ConsumeContext<SlowWork> context)
        {
            runs.Started();
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), context.CancellationToken);
            }
            finally
            {
                runs.Ended();
            }
        }
    }
}
