using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Sagas.Orchestrator.Security;

/// <summary>
/// Guards every request under <c>/api</c> that changes something. Reads stay open: operators watch
/// with them, and the database already holds the same facts.
/// </summary>
public sealed class ApiKeyMiddleware(RequestDelegate next, IOptions<ApiKeyOptions> options, IServer server)
{
    readonly byte[]? _key = string.IsNullOrEmpty(options.Value.Key) ? null : Encoding.UTF8.GetBytes(options.Value.Key);

    public Task InvokeAsync(HttpContext context)
    {
        if (!context.Request.Path.StartsWithSegments("/api") || HttpMethods.IsGet(context.Request.Method)
            || HttpMethods.IsHead(context.Request.Method) || HttpMethods.IsOptions(context.Request.Method))
            return next(context);

        if (_key is null)
        {
            return OnlyLoopback(server)
                ? next(context)
                : RefuseAsync(context, $"this orchestrator listens beyond loopback: set {ApiKeyOptions.Section}:Key and send it as {ApiKeyOptions.Header}");
        }

        var sent = Encoding.UTF8.GetBytes(context.Request.Headers[ApiKeyOptions.Header].ToString());
        return CryptographicOperations.FixedTimeEquals(sent, _key)
            ? next(context)
            : RefuseAsync(context, $"missing or wrong {ApiKeyOptions.Header} header");
    }

    public static bool OnlyLoopback(IServer server)
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        return addresses.Count > 0 && addresses.All(IsLoopback);
    }

    static bool IsLoopback(string address)
    {
        var host = BindingAddress.Parse(address).Host;
        return host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
            || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }

    static Task RefuseAsync(HttpContext context, string reason) =>
        Results.Problem(reason, statusCode: StatusCodes.Status401Unauthorized, title: "API key required").ExecuteAsync(context);
}
