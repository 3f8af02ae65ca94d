using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using Sagas.Durability.Hosting;
using Sagas.Durability.Storage;
using Sagas.Durability.Telemetry;

namespace Sagas.Durability.Scheduling;

public static class SchedulerServiceCollectionExtensions
{
    const string Section = "Sagas:Scheduler";

    public static SchedulerOptions GetSchedulerOptions(this IConfiguration configuration) =>
        configuration.GetSection(Section).Get<SchedulerOptions>() ?? new SchedulerOptions();

    /// <summary>For a process that only sends to the scheduler queue (an activity worker).</summary>
    public static IServiceCollection AddSchedulerClient(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SchedulerOptions>().Bind(configuration.GetSection(Section));
        return services;
    }

    /// <summary>
    /// Quartz on the sagas database (PostgreSQL clustered, or the SQLite file), running while
    /// the bus does so a due trigger can always send. Its tables come from the durability migrations.
    /// </summary>
    public static IServiceCollection AddDurableScheduler(this IServiceCollection services, IConfiguration configuration, SagasOptions sagas, string connectionString)
    {
        services.AddSchedulerClient(configuration);
        var options = configuration.GetSchedulerOptions();
        if (!options.Enabled)
            return services;

        services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler =>
            {
                scheduler.InstanceName = "sagas";
                scheduler.GenerateInstanceId = true;
                scheduler.IdleWaitTime = options.IdleWaitTime;
            });
            quartz.UseDefaultThreadPool(options.MaxConcurrency);
            quartz.AddTriggerListener<SchedulerLagListener>();
            quartz.UsePersistentStore(store =>
            {
                store.ConfigureStore(ado =>
                {
                    ado.TablePrefix = QuartzSchema.TablePrefix;
                    ado.SchemaProvisioning = SchemaProvisioning.Validate;
                });
                if (sagas.Database == DatabaseProvider.Postgres)
                {
                    store.UsePostgres(connectionString);
                    store.UseClustering(cluster => cluster.CheckinInterval = options.ClusterCheckinInterval);
                }
                else
                {
                    store.UseSqlite(connectionString);
                }
            });
        });
        // Started and stopped with the bus (SchedulerLifetime), not by a hosted service of its own.
        services.AddBusObserver<SchedulerLifetime>();
        services.AddHealthChecks().AddCheck<SchedulerHealthCheck>("scheduler", tags: [SagasTelemetryExtensions.ReadyTag], timeout: SagasTelemetryExtensions.CheckTimeout);
        return services;
    }

    /// <summary>The consumers that turn MassTransit's scheduling requests into Quartz triggers.</summary>
    public static void AddSchedulerConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<ScheduleMessageConsumer, SchedulerConsumerDefinition<ScheduleMessageConsumer>>();
        bus.AddConsumer<CancelScheduledMessageConsumer, SchedulerConsumerDefinition<CancelScheduledMessageConsumer>>();
    }
}
