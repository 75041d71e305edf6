namespace Readouts.Api.Infrastructure;

/// <summary>
/// The request body limit. A readout is a few kilobytes; 1 MiB leaves room for long bodies while
/// keeping one request from tying up memory.
/// </summary>
public static class RequestLimits
{
    public const long MaxBodyBytes = 1024 * 1024;

    public static string? DescribeStatus(int status) => status == StatusCodes.Status413PayloadTooLarge
        ? $"Request bodies are limited to {MaxBodyBytes} bytes (1 MiB)."
        : null;

    /// <summary>
    /// Refuses a declared oversize body before anything reads it. Kestrel enforces the same limit on
    /// bodies without a Content-Length (chunked); that surfaces as a BadHttpRequestException.
    /// </summary>
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
        }

        await next(context);
    });
}
