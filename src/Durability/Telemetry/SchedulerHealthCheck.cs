using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;

namespace Sagas.Durability.Telemetry;

/// <summary>Ready only while Quartz fires timers: started with the bus, not in standby, not shutting down.</summary>
sealed class SchedulerHealthCheck(ISchedulerFactory schedulers) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
        var status = await scheduler.GetStatus(cancellationToken).ConfigureAwait(false);
        return status == SchedulerStatus.Running
            ? HealthCheckResult.Healthy("the scheduler fires timers")
            : HealthCheckResult.Unhealthy($"the scheduler does not fire timers: it is {status} (it runs once the bus is ready)");
    }
}
