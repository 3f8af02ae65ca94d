using System.Reflection;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sagas.ActivityWorkers.Activities;
using Sagas.ActivityWorkers.Inventory;
using Sagas.ActivityWorkers.Ledger;
using Sagas.ActivityWorkers.Mail;
using Sagas.ActivityWorkers.Payments;
using Sagas.ActivityWorkers.Provisioning;
using Sagas.ActivityWorkers.Shipping;
using Sagas.Durability.Activities;
using Sagas.Durability.Hosting;
using Sagas.Durability.Scheduling;

namespace Sagas.ActivityWorkers;

public static class ActivityWorkersExtensions
{
    /// <summary>The ledger and its database, needed wherever ledger activities run.</summary>
    public static IServiceCollection AddLedger(this IServiceCollection services, IConfiguration configuration, SagasOptions options)
    {
        services.AddDurableDbContext<LedgerDbContext, SqliteLedgerDbContext, PostgresLedgerDbContext>(options, configuration.GetSagasConnectionString());
        services.AddScoped<LedgerBook>();
        services.AddSchedulerClient(configuration);
        services.AddActivitySteps(configuration);
        services.Configure<MailOptions>(configuration.GetSection("Sagas:Activities:SendMail"));
        services.AddSingleton<SimulatedMailOutage>();
        services.AddScoped<InventoryLocks>();
        services.AddScoped<PaymentAccounts>();
        services.Configure<PaymentOptions>(configuration.GetSection("Sagas:Activities:ChargePayment"));
        services.Configure<ShippingOptions>(configuration.GetSection("Sagas:Activities:CreateShipment"));
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
