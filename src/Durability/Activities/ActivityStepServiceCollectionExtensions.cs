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
}
