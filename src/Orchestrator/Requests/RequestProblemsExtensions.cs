using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Sagas.Orchestrator.Requests;

public static class RequestProblemsExtensions
{
    /// <summary>Unreadable and oversized requests are refused with their reason (see <see cref="BadRequestProblems"/>).</summary>
    public static IServiceCollection AddRequestProblems(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(RequestLimitOptions.Section).Get<RequestLimitOptions>() ?? new RequestLimitOptions();
        services.AddProblemDetails(o => o.CustomizeProblemDetails = problem =>
        {
            // The server refuses these before any endpoint runs, with a status and no reason.
            problem.ProblemDetails.Detail ??= problem.ProblemDetails.Status switch
            {
                StatusCodes.Status413PayloadTooLarge => $"the body is larger than {limits.MaxRequestBodySize} bytes ({RequestLimitOptions.Section}:MaxRequestBodySize)",
                StatusCodes.Status415UnsupportedMediaType => $"send the body as application/json, not {problem.HttpContext.Request.ContentType ?? "without a content type"}",
                _ => null,
            };
        });
        services.AddExceptionHandler<BadRequestProblems>();
        // Binding failures are thrown, so that BadRequestProblems can say what was wrong.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = limits.MaxRequestBodySize);
        services.AddSingleton(new WorkerRequests(limits.WorkerTimeout));
        return services;
    }
}
