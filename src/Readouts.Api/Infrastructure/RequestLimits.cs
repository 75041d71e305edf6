namespace Readouts.Api.Infrastructure;

/// <summary>
/// The request body limit. A readout is a few kilobytes; 1 MiB leaves room for long bodies while
/// keeping one request from tying up memory. An endpoint may allow more with [RequestSizeLimit]
/// (the batch import does).
/// </summary>
public static class RequestLimits
{
    public const long MaxBodyBytes = 1024 * 1024;

    public static string? DescribeStatus(int status) => status == StatusCodes.Status413PayloadTooLarge
        ? $"Request bodies are limited to {MaxBodyBytes} bytes (1 MiB), batches of readouts to {Readouts.ReadoutBatch.MaxBodyBytes} bytes (16 MiB)."
        : null;

    /// <summary>
    /// Refuses a declared oversize body before anything reads it. Kestrel enforces the same limit on
    /// bodies without a Content-Length (chunked); that surfaces as a BadHttpRequestException.
    /// </summary>
    public static IApplicationBuilder UseRequestBodyLimit(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? MaxBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
        }

        await next(context);
    });

    /// <summary>
    /// PostgreSQL text cannot hold a NUL character, so one in the path or query string would fail
    /// in the database as a 500; it is refused up front. Bodies are checked by <see cref="NoNulStringConverter"/>.
    /// </summary>
    public static IApplicationBuilder UseNulCharacterGuard(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (context.Request.Path.Value?.Contains('\0', StringComparison.Ordinal) == true
            || context.Request.Query.Any(q => q.Key.Contains('\0', StringComparison.Ordinal) || q.Value.Any(v => v?.Contains('\0', StringComparison.Ordinal) == true)))
        {
            throw new BadHttpRequestException("The path or query string contains a NUL character.", StatusCodes.Status400BadRequest);
        }

        await next(context);
    });
}

/// <summary>Reads JSON strings, refusing NUL characters, which PostgreSQL text cannot store.</summary>
public sealed class NoNulStringConverter : System.Text.Json.Serialization.JsonConverter<string>
{
    public override string? Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options)
    {
        var value = reader.GetString();
        return value?.Contains('\0', StringComparison.Ordinal) == true
            ? throw new System.Text.Json.JsonException("Text may not contain NUL characters.")
            : value;
    }

    public override void Write(System.Text.Json.Utf8JsonWriter writer, string value, System.Text.Json.JsonSerializerOptions options) =>
        writer.WriteStringValue(value);
}
