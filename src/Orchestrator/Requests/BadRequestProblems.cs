using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Sagas.Orchestrator.Requests;

/// <summary>
/// A request the endpoint could not even read (not JSON, not the expected shape, the wrong content
/// type, too large) is answered with problem details that say why, as every refusal is here,
/// rather than a bare status.
/// </summary>
public sealed class BadRequestProblems(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad || context.Response.HasStarted)
            return false;

        context.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails = { Status = bad.StatusCode, Title = Title(bad.StatusCode), Detail = Reason(bad) },
        });
    }

    static string Title(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => "Request too large",
        StatusCodes.Status415UnsupportedMediaType => "Unsupported content type",
        _ => "Unreadable request",
    };

    static string Reason(BadHttpRequestException bad) => bad.InnerException switch
    {
        JsonException json => $"{bad.Message} {json.Message}",
        BadHttpRequestException inner => inner.Message,
        _ when bad.Message.Contains("no body was provided", StringComparison.Ordinal) => "the request needs a JSON body",
        _ => bad.Message,
    };
}
