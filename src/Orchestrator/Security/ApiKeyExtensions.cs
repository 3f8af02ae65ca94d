using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;

namespace Sagas.Orchestrator.Security;

public static class ApiKeyExtensions
{
    public static IServiceCollection AddApiKey(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ApiKeyOptions>().Bind(configuration.GetSection(ApiKeyOptions.Section));
        return services;
    }

    public static WebApplication UseApiKey(this WebApplication app)
    {
        app.UseMiddleware<ApiKeyMiddleware>();
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var options = app.Services.GetRequiredService<IOptions<ApiKeyOptions>>().Value;
            if (string.IsNullOrEmpty(options.Key) && !ApiKeyMiddleware.OnlyLoopback(app.Services.GetRequiredService<IServer>()))
                app.Logger.LogError("Listening on {Urls} without {Section}:Key: every request that changes something will be refused until a key is set",
                    string.Join(", ", app.Urls), ApiKeyOptions.Section);
        });
        return app;
    }
}
