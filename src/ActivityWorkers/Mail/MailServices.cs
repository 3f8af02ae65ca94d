using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Sagas.ActivityWorkers.Activities;

namespace Sagas.ActivityWorkers.Mail;

public sealed class MailServices : IActivityServices
{
    public void Add(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MailOptions>(configuration.GetSection("Sagas:Activities:SendMail"));
        services.AddSingleton<SimulatedMailOutage>();
    }
}
