using System.Reflection;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sagas.ActivityWorkers.Activities;
using Sagas.ActivityWorkers.Ledger;
using Sagas.ActivityWorkers.Provisioning;
using Sagas.Durability.Activities;
using Sagas.Durability.Hosting;
using Sagas.Durability.Scheduling;

namespace Sagas.ActivityWorkers;

public static class ActivityWorkersExtensions
{
    /// <summary>
    /// The workers' database and what their activities need, wherever activities run: each folder's
    /// <see cref="IActivityServices"/>, found by convention, and every activity's retry and fault settings.
    /// </summary>
    public static IServiceCollection AddLedger(this IServiceCollection services, IConfiguration configuration, SagasOptions options)
    {
        services.AddDurableDbContext<LedgerDbContext, SqliteLedgerDbContext, PostgresLedgerDbContext>(options, configuration.GetSagasConnectionString());
        services.AddScoped<LedgerBook>();
        services.AddSchedulerClient(configuration);
        services.AddActivitySteps(configuration);
        foreach (var folder in typeof(ActivityWorkersExtensions).Assembly.GetTypes()
                     .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IActivityServices).IsAssignableFrom(t))
                     .OrderBy(t => t.FullName, StringComparer.Ordinal))
            ((IActivityServices)Activator.CreateInstance(folder)!).Add(services, configuration);
        foreach (var activity in configuration.GetSection("Sagas:Activities").GetChildren())
        {
            services.Configure<ActivityRetryOptions>(activity.Key, activity.GetSection("Retry"));
            services.Configure<ActivityFaultOptions>(activity.Key, activity.GetSection("Faults"));
            services.Configure<ProviderOptions>(activity.Key, activity);
        }
        return services;
    }

    /// <summary>
    /// Every activity in this assembly (each consumer is one), on its own queue, which the task
    /// queues named after it (<c>Sagas:Worker:Queues</c>) can carry too. Both hosts call this, so a
    /// workflow's activity folder is all there is to add.
    /// </summary>
    public static void AddActivities(this IBusRegistrationConfigurator bus)
    {
        var activities = typeof(ActivityWorkersExtensions).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true } && typeof(IConsumer).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
        foreach (var activity in activities)
            AddActivityMethod.MakeGenericMethod(activity).Invoke(null, [bus]);
    }

    static readonly MethodInfo AddActivityMethod =
        typeof(ActivityWorkersExtensions).GetMethod(nameof(AddActivity), BindingFlags.NonPublic | BindingFlags.Static)!;

    static void AddActivity<TConsumer>(IBusRegistrationConfigurator bus)
        where TConsumer : class, IConsumer =>
        bus.AddActivity<TConsumer, ActivityDefinition<TConsumer>>(ActivityDefinition<TConsumer>.QueueName);
}
