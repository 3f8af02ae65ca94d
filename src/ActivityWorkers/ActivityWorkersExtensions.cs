using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sagas.ActivityWorkers.Activities;
using Sagas.ActivityWorkers.Bonuses;
using Sagas.ActivityWorkers.Expenses;
using Sagas.ActivityWorkers.Ledger;
using Sagas.ActivityWorkers.Mail;
using Sagas.ActivityWorkers.Provisioning;
using Sagas.ActivityWorkers.Reports;
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
        foreach (var activity in configuration.GetSection("Sagas:Activities").GetChildren())
        {
            services.Configure<ActivityRetryOptions>(activity.Key, activity.GetSection("Retry"));
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

    /// <summary>The activities that make and remove cloud resources for provisionings.</summary>
    public static void AddProvisioningActivities(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<ProvisionResourceConsumer, ActivityDefinition<ProvisionResourceConsumer>>();
        bus.AddConsumer<DeprovisionResourceConsumer, ActivityDefinition<DeprovisionResourceConsumer>>();
    }
}
