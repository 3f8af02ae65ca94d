using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sagas.ActivityWorkers.Activities;
using Sagas.ActivityWorkers.Bonuses;
using Sagas.ActivityWorkers.Expenses;
using Sagas.ActivityWorkers.Inventory;
using Sagas.ActivityWorkers.Ledger;
using Sagas.ActivityWorkers.Mail;
using Sagas.ActivityWorkers.Payments;
using Sagas.ActivityWorkers.Provisioning;
using Sagas.ActivityWorkers.Reports;
using Sagas.ActivityWorkers.Shipping;
using Sagas.ActivityWorkers.Transfers;
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

    /// <summary>An activity on its own queue, which the task queues named after it (<c>Sagas:Worker:Queues</c>) can carry too.</summary>
    static void AddActivity<TConsumer>(this IBusRegistrationConfigurator bus)
        where TConsumer : class, IConsumer =>
        bus.AddActivity<TConsumer, ActivityDefinition<TConsumer>>(ActivityDefinition<TConsumer>.QueueName);

    /// <summary>The activities that move money for transfers.</summary>
    public static void AddTransferActivities(this IBusRegistrationConfigurator bus)
    {
        bus.AddActivity<WithdrawConsumer>();
        bus.AddActivity<DepositConsumer>();
        bus.AddActivity<RefundConsumer>();
    }

    /// <summary>The activities of expense approvals and reminders.</summary>
    public static void AddNotificationActivities(this IBusRegistrationConfigurator bus)
    {
        bus.AddActivity<NotifyApproverConsumer>();
        bus.AddActivity<SendMailConsumer>();
    }

    /// <summary>The activities of the scheduled workflows: the daily ledger report and bonus payments.</summary>
    public static void AddScheduledWorkflowActivities(this IBusRegistrationConfigurator bus)
    {
        bus.AddActivity<ComputeDailyReportConsumer>();
        bus.AddActivity<CreditBonusesConsumer>();
    }

    /// <summary>The activities of orders: stock, payment, shipping and the confirmation mail, and their undos.</summary>
    public static void AddOrderActivities(this IBusRegistrationConfigurator bus)
    {
        bus.AddActivity<ReserveInventoryConsumer>();
        bus.AddActivity<ReleaseInventoryConsumer>();
        bus.AddActivity<ChargePaymentConsumer>();
        bus.AddActivity<RefundPaymentConsumer>();
        bus.AddActivity<CreateShipmentConsumer>();
        bus.AddActivity<SendOrderConfirmationConsumer>();
    }

    /// <summary>The activities that make and remove cloud resources for provisionings.</summary>
    public static void AddProvisioningActivities(this IBusRegistrationConfigurator bus)
    {
        bus.AddActivity<ProvisionResourceConsumer>();
        bus.AddActivity<DeprovisionResourceConsumer>();
    }
}
