using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Sagas.Durability.Activities;

public static class ActivityStepServiceCollectionExtensions
{
    /// <summary>
    /// Step timeouts per activity from <c>Sagas:Activities:{Name}</c> (unnamed ones take the
    /// defaults), and heartbeats for activities to report progress with.
    /// </summary>
    public static IServiceCollection AddActivitySteps(this IServiceCollection services, IConfiguration configuration)
    {
        foreach (var activity in configuration.GetSection("Sagas:Activities").GetChildren())
            services.Configure<ActivityStepOptions>(activity.Key, activity);
        services.TryAddSingleton<ActivitySteps>();
        services.TryAddSingleton<ActivityHeartbeats>();
        return services;
    }

    /// <summary>
    /// Raises the timeouts of steps whose deadline passed, for the sagas stored in <typeparamref name="TContext"/>;
    /// where the sagas run. Settings from <c>Sagas:StepDeadlines</c>.
    /// </summary>
    public static IServiceCollection AddStepDeadlineSweeper<TContext>(this IServiceCollection services, IConfiguration configuration)
        where TContext : DbContext
    {
        services.AddOptions<StepDeadlineOptions>().Bind(configuration.GetSection("Sagas:StepDeadlines"));
        services.AddHostedService<StepDeadlineSweeper<TContext>>();
        return services;
    }
}
