using MassTransit;
using Quartz;

namespace Sagas.Durability.Scheduling;

/// <summary>
/// Ties Quartz to the bus: it fires only once the bus can deliver what it sends, goes to standby
/// (still taking schedule and cancel requests, firing nothing) before the bus stops consuming,
/// and shuts down after. A job cut off by the shutdown is recovered on the next start.
/// </summary>
public sealed class SchedulerLifetime(ISchedulerFactory schedulers) : IBusObserver
{
    public void PostCreate(IBus bus)
    {
    }

    public void CreateFaulted(Exception exception)
    {
    }

    /// <summary>Before the bus consumes any schedule request, the job those requests use exists.</summary>
    public async Task PreStart(IBus bus)
    {
        var scheduler = await schedulers.GetScheduler().ConfigureAwait(false);
        await DurableJob.StoreAsync(scheduler, CancellationToken.None).ConfigureAwait(false);
    }

    public async Task PostStart(IBus bus, Task<BusReady> busReady)
    {
        await busReady.ConfigureAwait(false);
        var scheduler = await schedulers.GetScheduler().ConfigureAwait(false);
        await scheduler.Start().ConfigureAwait(false);
    }

    public Task StartFaulted(IBus bus, Exception exception) => Task.CompletedTask;

    public async Task PreStop(IBus bus)
    {
        var scheduler = await schedulers.GetScheduler().ConfigureAwait(false);
        await scheduler.Standby().ConfigureAwait(false);
    }

    public async Task PostStop(IBus bus)
    {
        var scheduler = await schedulers.GetScheduler().ConfigureAwait(false);
        await scheduler.Shutdown(waitForJobsToComplete: false).ConfigureAwait(false);
    }

    public Task StopFaulted(IBus bus, Exception exception) => Task.CompletedTask;
}
