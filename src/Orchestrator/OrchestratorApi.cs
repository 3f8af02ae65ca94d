using Sagas.Durability.Telemetry;
using Sagas.Orchestrator.Dashboard;
using Sagas.Orchestrator.Security;

namespace Sagas.Orchestrator;

public static class OrchestratorApi
{
    /// <summary>The request pipeline and every endpoint; <c>Program.cs</c> and the tests' host both call this, so they serve the same thing.</summary>
    public static WebApplication UseOrchestrator(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseApiKey();
        app.UseDashboard();
        app.MapOrchestratorApi();
        app.MapSagasTelemetry();
        return app;
    }

    /// <summary>Every endpoint under /api: each feature's <see cref="IEndpointGroup"/>, found in this assembly.</summary>
    public static IEndpointRouteBuilder MapOrchestratorApi(this IEndpointRouteBuilder app)
    {
        var groups = typeof(OrchestratorApi).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IEndpointGroup).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
        foreach (var group in groups)
            ((IEndpointGroup)Activator.CreateInstance(group)!).Map(app);
        return app;
    }
}
