using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace Readouts.Api.Infrastructure;

/// <summary>
/// Fixed-window limits: writes per API key (per address before authentication succeeds), reads
/// per client address. Configured under <c>RateLimiting</c>: <c>Enabled</c> (default true),
/// <c>Writes:PermitLimit</c> / <c>Writes:WindowSeconds</c> (default 1200 per 60 s) and
/// <c>Reads:PermitLimit</c> / <c>Reads:WindowSeconds</c> (default 1200 per 60 s). A refusal is
/// a 429 problem with Retry-After. Limits are per instance: N instances allow N times as much.
/// </summary>
public static class RateLimits
{
    public static bool IsEnabled(IConfiguration configuration) => configuration.GetValue("RateLimiting:Enabled", true);

    public static void AddRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var writes = Window(configuration, "Writes");
        var reads = Window(configuration, "Reads");
        services.AddRateLimiter(options =>
        {
            options.OnRejected = RejectAsync;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                if (http.Request.Path.StartsWithSegments("/health"))
                {
                    // Orchestrators probe often; throttling them would restart healthy instances.
                    return RateLimitPartition.GetNoLimiter("health");
                }

                var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                var method = http.Request.Method;
                if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method))
                {
                    return RateLimitPartition.GetFixedWindowLimiter($"read:{address}", _ => reads);
                }

                var who = http.User.Identity is { IsAuthenticated: true, Name: { } name } ? $"key:{name}" : $"address:{address}";
                return RateLimitPartition.GetFixedWindowLimiter($"write:{who}", _ => writes);
            });
        });
    }

    private static FixedWindowRateLimiterOptions Window(IConfiguration configuration, string kind)
    {
        var section = configuration.GetSection($"RateLimiting:{kind}");
        return new FixedWindowRateLimiterOptions
        {
            PermitLimit = section.GetValue("PermitLimit", 1200),
            Window = TimeSpan.FromSeconds(section.GetValue("WindowSeconds", 60)),
            QueueLimit = 0,
        };
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken ct)
    {
        var response = context.HttpContext.Response;
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        var wait = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context.HttpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Too many requests.",
                Detail = $"Slow down: try again in {response.Headers.RetryAfter} s.",
            },
        });
    }
}
