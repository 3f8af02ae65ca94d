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

    /// <summary>The activities that move money for transfers.</summary>
    public static void AddTransferActivities(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<WithdrawConsumer, ActivityDefinition<WithdrawConsumer>>();
        bus.AddConsumer<DepositConsumer, ActivityDefinition<DepositConsumer>>();
        bus.AddConsumer<RefundConsumer, ActivityDefinition<RefundConsumer>>();
    }

    /// <summary>The activities of expense approvals and reminders.</summary>
    public static void AddNotificationActivities(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<NotifyApproverConsumer, ActivityDefinition<NotifyApproverConsumer>>();
        bus.AddConsumer<SendMailConsumer, ActivityDefinition<SendMailConsumer>>();
    }

    /// <summary>The activities of the scheduled workflows: the daily ledger report and bonus payments.</summary>
    public static void AddScheduledWorkflowActivities(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<ComputeDailyReportConsumer, ActivityDefinition<ComputeDailyReportConsumer>>();
        bus.AddConsumer<CreditBonusesConsumer, ActivityDefinition<CreditBonusesConsumer>>();
    }

    /// <summary>The activities of orders: stock, payment, shipping and the confirmation mail, and their undos.</summary>
    public static void AddOrderActivities(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<ReserveInventoryConsumer, ActivityDefinition<ReserveInventoryConsumer>>();
        bus.AddConsumer<ReleaseInventoryConsumer, ActivityDefinition<ReleaseInventoryConsumer>>();
        bus.AddConsumer<ChargePaymentConsumer, ActivityDefinition<ChargePaymentConsumer>>();
        bus.AddConsumer<RefundPaymentConsumer, ActivityDefinition<RefundPaymentConsumer>>();
        bus.AddConsumer<CreateShipmentConsumer, ActivityDefinition<CreateShipmentConsumer>>();
        bus.AddConsumer<SendOrderConfirmationConsumer, ActivityDefinition<SendOrderConfirmationConsumer>>();
    }

    /// <summary>The activities that make and remove cloud resources for provisionings.</summary>
    public static void AddProvisioningActivities(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<ProvisionResourceConsumer, ActivityDefinition<ProvisionResourceConsumer>>();
        bus.AddConsumer<DeprovisionResourceConsumer, ActivityDefinition<DeprovisionResourceConsumer>>();
    }
}
