using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sagas.ActivityWorkers.Activities;

namespace Sagas.ActivityWorkers.Shipping;

public sealed class ShippingServices : IActivityServices
{
    public void Add(IServiceCollection services, IConfiguration configuration) =>
        services.Configure<ShippingOptions>(configuration.GetSection("Sagas:Activities:CreateShipment"));
}
