using Microsoft.Extensions.FileProviders;

namespace Sagas.Orchestrator.Dashboard;

/// <summary>
/// The dashboard: static HTML, CSS and JavaScript modules compiled into this assembly, so the orchestrator serves
/// it from <c>/</c> with no build step, no files beside the binary and nothing fetched from elsewhere.
/// </summary>
public static class DashboardExtensions
{
    const string AssetsPath = "/dashboard";

    // Everything the page needs comes from this origin; it reads the API with fetch and draws its graphs inline.
    const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    public static WebApplication UseDashboard(this WebApplication app)
    {
        var files = new EmbeddedFileProvider(typeof(DashboardExtensions).Assembly, "Sagas.Orchestrator.Dashboard.wwwroot");
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            RequestPath = AssetsPath,
            // Embedded files carry the assembly's time, not their own: revalidate so a new build is picked up at once.
            OnPrepareResponse = context => context.Context.Response.Headers.CacheControl = "no-cache",
        });

        var index = files.GetFileInfo("index.html");
        app.MapGet("/", async (HttpContext context) =>
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            context.Response.Headers.CacheControl = "no-cache";
            context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            context.Response.Headers.XContentTypeOptions = "nosniff";
            await using var stream = index.CreateReadStream();
            await stream.CopyToAsync(context.Response.Body, context.RequestAborted);
        }).ExcludeFromDescription();
        return app;
    }
}
