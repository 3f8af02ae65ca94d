using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sagas.ActivityWorkers.Activities;

namespace Sagas.ActivityWorkers.Payments;

public sealed class PaymentServices : IActivityServices
{
    public void Add(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<PaymentAccounts>();
        services.Configure<PaymentOptions>(configuration.GetSection("Sagas:Activities:ChargePayment"));
    }
}
