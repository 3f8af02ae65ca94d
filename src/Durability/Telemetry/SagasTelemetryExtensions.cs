using System.Text.Json;
using MassTransit.Logging;
using MassTransit.Monitoring;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Sagas.Durability.Telemetry;

public static class SagasTelemetryExtensions
{
    /// <summary>Checks that must pass before a process takes traffic; MassTransit tags its bus check the same way.</summary>
    public const string ReadyTag = "ready";

    internal static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The <c>Sagas</c> and <c>MassTransit</c> meters (plus ASP.NET Core's) for Prometheus, traces of
    /// MassTransit's spans, both also sent over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set,
    /// and the readiness check of the database.
    /// </summary>
    public static IServiceCollection AddSagasTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        services.AddMetrics();
        services.TryAddSingleton<SagaMetrics>();
        var otlp = !string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(SagaMetrics.MeterName, InstrumentationOptions.MeterName)
                    .AddAspNetCoreInstrumentation()
                    .AddPrometheusExporter();
                if (otlp)
                    metrics.AddOtlpExporter();
            });
        // Spans cost something only while someone listens, so without a collector nobody does.
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(DiagnosticHeaders.DefaultListenerName)
                .AddAspNetCoreInstrumentation()
                .AddOtlpExporter());
        }

        // The scheduler's check is added with the scheduler (AddDurableScheduler), where it runs; the bus's by MassTransit.
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag], timeout: CheckTimeout);
        return services;
    }

    /// <summary>
    /// <c>/metrics</c> (Prometheus text), <c>/health/live</c> (the process answers; no dependency is
    /// asked, so a database outage never gets the process restarted) and <c>/health/ready</c> (every
    /// check tagged ready: database, broker, scheduler; 503 when one fails). All GET and public.
    /// </summary>
    public static IEndpointRouteBuilder MapSagasTelemetry(this IEndpointRouteBuilder app)
    {
        app.MapPrometheusScrapingEndpoint("/metrics");
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag), ResponseWriter = WriteAsync });
        return app;
    }

    static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(entry => new
            {
                name = entry.Key,
                status = entry.Value.Status.ToString(),
                description = entry.Value.Description,
                durationMs = Math.Round(entry.Value.Duration.TotalMilliseconds, 1),
            }),
        };
        return http.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }
}
