using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Sagas.Orchestrator;

namespace Sagas.Tests.Infrastructure;

/// <summary>
/// The orchestrator's HTTP API on a free loopback port, over real HTTP, with the same services
/// as <c>Program.cs</c> (no WebApplicationFactory package on our registry).
/// </summary>
public sealed class ApiHost : IAsyncDisposable
{
    readonly WebApplication _app;

    ApiHost(WebApplication app, HttpClient http)
    {
        _app = app;
        Http = http;
    }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public IBus Bus => Services.GetRequiredService<IBus>();

    /// <param name="urls">Where to listen; loopback on a free port unless a test needs otherwise.</param>
    public static async Task<ApiHost> StartAsync(Dictionary<string, string?> settings, TimeProvider? clock = null, string urls = "http://127.0.0.1:0")
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.WebHost.UseUrls(urls);
        builder.Logging.ClearProviders().AddConsole().SetMinimumLevel(
            Enum.TryParse<LogLevel>(Environment.GetEnvironmentVariable("SAGAS_TEST_LOG_LEVEL"), out var level) ? level : LogLevel.Warning);
        LogContext.Current = null;
        builder.Services.AddOrchestrator(builder.Configuration);
        if (clock is not null)
            builder.Services.Replace(ServiceDescriptor.Singleton(clock));

        var app = builder.Build();
        await app.Services.MigrateOrchestratorDatabaseAsync(app.Configuration);
        app.UseOrchestrator();
        await app.StartAsync();

        return new ApiHost(app, new HttpClient { BaseAddress = new Uri(app.Urls.First().Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)) });
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _app.StopAsync(stopping.Token);
        await _app.DisposeAsync();
    }
}
