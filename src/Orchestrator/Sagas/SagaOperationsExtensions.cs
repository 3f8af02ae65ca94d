using Sagas.Operations.Visibility;
using Sagas.Orchestrator.Data;

namespace Sagas.Orchestrator.Sagas;

public static class SagaOperationsExtensions
{
    /// <summary>The catalog of this assembly's workflows and the controls operators use on their instances.</summary>
    public static IServiceCollection AddSagaOperations(this IServiceCollection services, IConfiguration configuration)
    {
        var workflows = typeof(SagaOperationsExtensions).Assembly;
        services.AddSingleton(provider =>
        {
            using var scope = provider.CreateScope();
            return new SagaCatalog(provider, scope.ServiceProvider.GetRequiredService<SagasDbContext>().Model, workflows, configuration);
        });
        services.AddSingleton(provider => new SignalCatalog(provider, workflows));
        services.AddScoped<SagaControl>();
        services.AddScoped<SagaStarts>();
        return services;
    }
}
