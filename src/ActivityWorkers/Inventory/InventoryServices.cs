using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sagas.ActivityWorkers.Activities;

namespace Sagas.ActivityWorkers.Inventory;

public sealed class InventoryServices : IActivityServices
{
    public void Add(IServiceCollection services, IConfiguration configuration) => services.AddScoped<InventoryLocks>();
}
