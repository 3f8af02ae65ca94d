using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Sagas.Durability.Sagas;
using Sagas.Orchestrator.Workflows.Orders;
using Sagas.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Sagas.Tests.Orchestrator.Workflows.Orders;

/// <summary>
/// Many orders at once while every order activity, undos included, fails a fifth of its attempts:
/// each order still ends, and no unit of stock or cent of money is created or lost.
/// </summary>
public sealed class OrderChaosTests(ITestOutputHelper output)
{
    const double FailureRate = 0.2;

    // Above the slowest answer measured in the 2,000-order burst on a loaded 2-core machine (a step
    // waits up to ~60 s in its queue, and a faulted delivery up to ~60 s more for its redelivery
    // behind the scheduler queue's backlog). A step that times out is only sent again, which is
    // harmless but adds to the queueing that caused it; five shipping timeouts would end in NeedsAttention.
    static readonly TimeSpan StartToClose = TimeSpan.FromMinutes(3);

    [Fact]
    public Task On_PostgreSQL_and_RabbitMQ_2000_orders_with_random_faults_all_end_and_balance() =>
        TestStacks.OnRealStackAsync(settings => RunAsync(settings, new OrderScenario(orders: 2000, seed: 2026), immediateRetries: 1, TimeSpan.FromMinutes(10)));

    // Fewer orders, so without immediate retries: every fault is then a redelivery, and each activity sees some.
    [Fact]
    public Task On_the_embedded_default_300_orders_with_random_faults_all_end_and_balance() =>
        TestStacks.OnEmbeddedAsync(settings => RunAsync(settings, new OrderScenario(orders: 300, seed: 11, skus: 12, customers: 40), immediateRetries: 0, TimeSpan.FromMinutes(3)));

    async Task RunAsync(Dictionary<string, string?> settings, OrderScenario scenario, int immediateRetries, TimeSpan timeout)
    {
        scenario.Configure(settings, FailureRate, StartToClose, immediateRetries);
        await using var host = await OrchestratorHost.StartAsync(settings);
        await scenario.SeedAsync(host);
        var redeliveries = new RedeliveryCounter();
        using var observing = host.Bus.ConnectConsumeObserver(redeliveries);

        var clock = Stopwatch.StartNew();
        await scenario.PlaceAsync(host);
        output.WriteLine($"{scenario.Orders.Count} orders and {scenario.Cancels.Count} cancels published in {clock.Elapsed.TotalSeconds:0.0} s");
        await WaitForTerminalAsync(host, scenario.Ids, timeout);
        output.WriteLine($"all terminal after {clock.Elapsed.TotalSeconds:0.0} s");

        var books = await OrderBooks.ReadAsync(host);
        await ReportAsync(host, books, redeliveries);
        books.AssertConsistent(scenario);
        // The faults were really injected: deliveries whose every attempt failed came again (none do with faults off).
        // Per activity the count is left to the log, as the few undos of a small run may all pass at once.
        Assert.True(OrderScenario.Activities.Sum(redeliveries.Of) >= 10, $"too few redeliveries: {redeliveries}");
    }

    async Task WaitForTerminalAsync(OrchestratorHost host, IReadOnlyCollection<Guid> ids, TimeSpan timeout)
    {
        var terminal = OrderBooks.Endings.Append("NeedsAttention").ToArray();
        var clock = Stopwatch.StartNew();
        var reported = TimeSpan.Zero;
        while (true)
        {
            var states = await host.QueryAsync(db => db.Set<OrderState>().AsNoTracking()
                .GroupBy(x => x.CurrentState).Select(x => new { State = x.Key, Count = x.Count() }).ToListAsync());
            var counts = string.Join(", ", states.OrderBy(x => x.State).Select(x => $"{x.State} {x.Count}"));
            if (states.Where(x => terminal.Contains(x.State)).Sum(x => x.Count) == ids.Count)
                return;
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"orders not all terminal after {timeout}: {counts}");
            if (clock.Elapsed - reported > TimeSpan.FromSeconds(15))
            {
                reported = clock.Elapsed;
                output.WriteLine($"  after {clock.Elapsed.TotalSeconds:0} s: {counts}");
            }

            await Task.Delay(500);
        }
    }

    /// <summary>What happened, for the log: outcomes, redeliveries, step timeouts and how long orders took.</summary>
    async Task ReportAsync(OrchestratorHost host, OrderBooks books, RedeliveryCounter redeliveries)
    {
        output.WriteLine("outcomes: " + string.Join(", ", books.Sagas.GroupBy(x => x.CurrentState).OrderBy(x => x.Key).Select(x => $"{x.Key} {x.Count()}")));
        output.WriteLine("cancelled with reason: " + string.Join(", ", books.Sagas.Where(x => x.CurrentState == "Cancelled").GroupBy(x => x.FailureReason).Select(x => $"{x.Key} {x.Count()}")));
        output.WriteLine($"redeliveries: {redeliveries}");
        var timeouts = await host.QueryAsync(db => db.Set<SagaHistoryEntry>().AsNoTracking()
            .Where(x => x.EventName.Contains("StepTimeout")).GroupBy(x => x.FromState).Select(x => new { x.Key, Count = x.Count() }).ToListAsync());
        output.WriteLine("step timeouts: " + (timeouts.Count == 0 ? "none" : string.Join(", ", timeouts.Select(x => $"{x.Key} {x.Count}"))));
        var took = books.Sagas.Select(x => (x.UpdatedAt - x.CreatedAt).TotalSeconds).Order().ToList();
        output.WriteLine($"order duration: median {took[took.Count / 2]:0.0} s, p99 {took[took.Count * 99 / 100]:0.0} s, max {took[^1]:0.0} s");
    }
}
