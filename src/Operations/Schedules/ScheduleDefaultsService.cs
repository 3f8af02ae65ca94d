using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Sagas.Operations.Schedules;

/// <summary>Creates the configured default schedules that do not exist yet; a bad one stops the start.</summary>
sealed class ScheduleDefaultsService(WorkflowSchedules schedules, IOptions<WorkflowScheduleOptions> options, ILogger<ScheduleDefaultsService> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var (name, spec) in options.Value.Defaults)
        {
            var (change, problem) = await schedules.CreateAsync(spec with { Name = name }, cancellationToken).ConfigureAwait(false);
            if (change == ScheduleChange.Invalid)
                throw new InvalidOperationException($"{WorkflowScheduleOptions.Section}:Defaults:{name}: {problem}");
            if (change == ScheduleChange.Done)
                logger.LogInformation("Default schedule {Schedule} created", name);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
