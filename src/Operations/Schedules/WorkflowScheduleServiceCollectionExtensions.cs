using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Sagas.Operations.Schedules;

public static class WorkflowScheduleServiceCollectionExtensions
{
    /// <summary>
    /// Named schedules that start workflows: every <see cref="WorkflowStarter{TStart,TSaga}"/> in
    /// <paramref name="assemblies"/> can be scheduled, its runs checked and started through
    /// <typeparamref name="TContext"/>. Needs the durable scheduler (Quartz) in this process.
    /// </summary>
    public static IServiceCollection AddWorkflowSchedules<TContext>(this IServiceCollection services, IConfiguration configuration, params Assembly[] assemblies)
        where TContext : DbContext
    {
        services.AddOptions<WorkflowScheduleOptions>().Bind(configuration.GetSection(WorkflowScheduleOptions.Section));
        foreach (var starter in WorkflowRegistry.StarterTypes(assemblies))
            services.AddSingleton(typeof(IWorkflowStarter), starter);
        services.AddSingleton<WorkflowRegistry>();
        services.AddSingleton<WorkflowSchedules>();
        services.AddScoped<IScheduleRuns, ScheduleRuns<TContext>>();
        services.AddHostedService<ScheduleDefaultsService>();
        return services;
    }
}
