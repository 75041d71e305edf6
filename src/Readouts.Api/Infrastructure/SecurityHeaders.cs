namespace Readouts.Api.Infrastructure;

/// <summary>
/// Headers every answer carries, errors included, and CORS, off unless <c>Cors:AllowedOrigins</c>
/// lists origins (<c>Cors__AllowedOrigins__0=https://newsroom.example</c>).
/// </summary>
public static class SecurityHeaders
{
    public const string CorsPolicy = "configured-origins";

    public const string PageContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        // On starting, not now: the exception handler clears headers set before it writes an error.
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            if (ApplicationExtensions.IsPage(context.Request))
            {
                // Readout texts are untrusted: a page runs and styles with the host's own files only,
                // and its one form (a search) may only go back to this host.
                headers.ContentSecurityPolicy = PageContentSecurityPolicy;
            }
            else if (!context.Request.Path.StartsWithSegments("/swagger"))
            {
                // JSON is never a page; Swagger UI is, and needs its scripts.
                headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
            }

            return Task.CompletedTask;
        });
        return next(context);
    });

    public static string[] AllowedOrigins(IConfiguration configuration) =>
        configuration.GetSection("Cors:AllowedOrigins").Get<string[]>()?.Where(o => !string.IsNullOrWhiteSpace(o)).ToArray() ?? [];

    public static void AddConfiguredCors(this IServiceCollection services, IConfiguration configuration)
    {
        var origins = AllowedOrigins(configuration);
        services.AddCors(options => options.AddPolicy(CorsPolicy, policy => policy
            .WithOrigins(origins)
            .WithMethods("GET", "POST", "PUT", "DELETE")
            .WithHeaders("Content-Type", ApiKeyAuthenticationHandler.HeaderName, WriteContext.IdempotencyKeyHeader, "If-Match", "If-None-Match")
            .WithExposedHeaders("ETag", "Location", "Retry-After", "Idempotent-Replayed")));
    }
}
