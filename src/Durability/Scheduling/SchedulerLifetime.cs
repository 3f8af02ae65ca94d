using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;
using Sagas.Durability.Hosting;
using Sagas.Durability.Storage;

namespace Sagas.Durability.Scheduling;

/// <summary>
/// Ties Quartz to the bus: it fires only once the bus can deliver what it sends, goes to standby
/// (still taking schedule and cancel requests, firing nothing) before the bus stops consuming,
/// and shuts down after. A job cut off by the shutdown is recovered on the next start. Both start
/// steps use the database, so a process started into a database outage waits it out there, as its
/// migrations do, instead of failing to start.
/// </summary>
public sealed class SchedulerLifetime(
    ISchedulerFactory schedulers, IServiceScopeFactory scopes, IOptions<DatabaseOutageOptions> outage, ILogger<SchedulerLifetime> logger) : IBusObserver
{
    public void PostCreate(IBus bus)
    {
    }

    public void CreateFaulted(Exception exception)
    {
    }

    /// <summary>Before the bus consumes any schedule request, the job those requests use exists.</summary>
    /// <remarks>
    /// The database is asked first: Quartz builds the scheduler on the first request and checks its
    /// schema then, and a scheduler whose build failed is shut down for good (its thread pool and
    /// job store cannot be started again), so it must not be built while the database is down.
    /// </remarks>
    public Task PreStart(IBus bus) =>
        DatabaseOutage.WaitOutAsync("creating the scheduler", async () =>
        {
            await using (var scope = scopes.CreateAsyncScope())
                await scope.ServiceProvider.GetRequiredService<DurabilityDbContext>().Database.ExecuteSqlRawAsync("SELECT 1").ConfigureAwait(false);
            var scheduler = await schedulers.GetScheduler().ConfigureAwait(false);
            await DurableJob.StoreAsync(scheduler, CancellationToken.None).ConfigureAwait(false);
        }, outage.Value, logger, CancellationToken.None);

    public async Task PostStart(IBus bus, Task<BusReady> busReady)
    {
        await busReady.ConfigureAwait(false);
        await DatabaseOutage.WaitOutAsync("starting the scheduler", async () =>
        {
            var scheduler = await schedulers.GetScheduler().ConfigureAwait(false);
            await scheduler.Start().ConfigureAwait(false);
        }, outage.Value, logger, CancellationToken.None);
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
