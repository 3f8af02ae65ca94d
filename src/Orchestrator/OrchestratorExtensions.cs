using MassTransit;
using Sagas.ActivityWorkers;
using Sagas.Durability.Activities;
using Sagas.Durability.DeadLetters;
using Sagas.Durability.Hosting;
using Sagas.Durability.Scheduling;
using Sagas.Durability.Telemetry;
using Sagas.Operations.Schedules;
using Sagas.Operations.Visibility;
using Sagas.Orchestrator.Data;
using Sagas.Orchestrator.Requests;
using Sagas.Orchestrator.Sagas;
using Sagas.Orchestrator.Security;
using Sagas.Orchestrator.Workflows.Batches;

namespace Sagas.Orchestrator;

public static class OrchestratorExtensions
{
    /// <summary>
    /// The orchestrator's services: every workflow in this assembly, its database, and the ledger
    /// activities when this process hosts them (always on the embedded default).
    /// </summary>
    public static IServiceCollection AddOrchestrator(this IServiceCollection services, IConfiguration configuration,
        Action<IBusRegistrationConfigurator>? configureBus = null)
    {
        var options = configuration.GetSagasOptions();
        var hostActivities = configuration.GetValue("Sagas:HostActivities", options.Transport == TransportKind.InMemory);

        services.AddDurableDbContext<SagasDbContext, SqliteSagasDbContext, PostgresSagasDbContext>(options, configuration.GetSagasConnectionString());
        // The workers' data is theirs: this process has it only while it hosts their activities.
        if (hostActivities)
            services.AddLedger(configuration, options);
        services.AddOutboxDelivery<SagasDbContext>(configuration);
        services.AddRequestProblems(configuration);
        services.AddApiKey(configuration);
        services.AddSagaOperations(configuration);
        services.AddSagasTelemetry(configuration, "Sagas.Orchestrator");
        services.AddActivitySteps(configuration);
        services.AddStepDeadlineSweeper<SagasDbContext>(configuration);
        services.AddDeadLetters(configuration);
        services.AddOptions<BatchProcessingOptions>().Bind(configuration.GetSection(BatchProcessingOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        var schedulerEnabled = configuration.GetSchedulerOptions().Enabled;

        services.AddMassTransit(bus =>
        {
            bus.AddDurableStateMachines<SagasDbContext>(typeof(OrchestratorExtensions).Assembly);
            // Queries of a workflow's state (read-only: no outbox, no saga lock).
            bus.AddConsumers(type => type.Namespace?.StartsWith("Sagas.Orchestrator.Workflows", StringComparison.Ordinal) == true,
                typeof(OrchestratorExtensions).Assembly);
            if (schedulerEnabled)
                bus.AddSchedulerConsumers();
            if (hostActivities)
                bus.AddActivities();
            configureBus?.Invoke(bus);
            bus.UsingSagasTransport(options, configuration.GetConnectionString("RabbitMq"));
        });
        services.AddDurableScheduler(configuration, options, configuration.GetSagasConnectionString());
        if (schedulerEnabled)
            services.AddWorkflowSchedules<SagasDbContext>(configuration, typeof(OrchestratorExtensions).Assembly);

        return services;
    }

    /// <summary>
    /// Applies this process's migrations (unless turned off): the sagas', and the workers' only while it
    /// hosts their activities. Then checks the workflows' definitions against the instances in the database.
    /// </summary>
    public static async Task MigrateOrchestratorDatabaseAsync(this IServiceProvider services, IConfiguration configuration)
    {
        if (configuration.GetSagasOptions().ApplyMigrations)
        {
            await services.MigrateAsync<SagasDbContext>();
            if (services.GetRequiredService<IServiceProviderIsService>().IsService(typeof(ActivityWorkers.Ledger.LedgerDbContext)))
                await services.MigrateAsync<ActivityWorkers.Ledger.LedgerDbContext>();
        }

        await services.CheckWorkflowDefinitionsAsync<SagasDbContext>();
    }
}
