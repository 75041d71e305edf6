using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Readouts.Api.Infrastructure;

/// <summary>
/// ETags and the conditional requests built on them. A readout's ETag is its version, so a
/// correction can be checked against it in the database; a call's is a hash of what it shows,
/// because any of its readouts may change it.
/// </summary>
public static class EntityTags
{
    public static string ForVersion(int version) => $"\"{version}\"";

    /// <summary>The entity tags of a required If-Match header; without one, a 428.</summary>
    public static IReadOnlyList<string> RequiredIfMatch(HttpRequest request, string what) =>
        IfMatch(request) ?? throw new ApiProblemException(
            StatusCodes.Status428PreconditionRequired,
            "If-Match is required.",
            $"Send If-Match with the ETag of {what} (from its GET), so that a change never overwrites one you have not seen.");

    /// <summary>The entity tags of an If-Match header, or null when there is none.</summary>
    public static IReadOnlyList<string>? IfMatch(HttpRequest request)
    {
        var header = request.Headers.IfMatch;
        if (header.Count == 0)
        {
            return null;
        }

        if (!EntityTagHeaderValue.TryParseStrictList(header, out var tags) || tags.Any(t => t.Equals(EntityTagHeaderValue.Any)))
        {
            throw new ApiProblemException(
                StatusCodes.Status400BadRequest,
                "If-Match must list entity tags.",
                "Send the quoted ETag from the resource's GET, such as If-Match: \"3\". A wildcard (*) is not accepted.");
        }

        // Strong comparison (RFC 9110 13.1.1): a weak tag never matches.
        return tags.Where(t => !t.IsWeak).Select(t => t.Tag.ToString()).ToList();
    }

    /// <summary>412 unless <paramref name="current"/> is among the tags the client sent.</summary>
    public static void EnsureMatches(IReadOnlyList<string>? ifMatch, string current, string what)
    {
        if (ifMatch is not null && !ifMatch.Contains(current))
        {
            throw new ApiProblemException(
                StatusCodes.Status412PreconditionFailed,
                $"{what} has changed since you read it.",
                $"Its current ETag is {current}. GET it again, reapply your change and send the new ETag in If-Match.");
        }
    }

    /// <summary>200 with the ETag, or 304 when the client's If-None-Match already has it.</summary>
    public static ActionResult WithETag(this ControllerBase controller, object value, string etag) =>
        IsNotModified(controller, etag) ? controller.StatusCode(StatusCodes.Status304NotModified) : controller.Ok(value);

    /// <summary>
    /// 200 with an ETag hashed from the JSON sent, or 304 when the client's If-None-Match already
    /// has it. Serialised once: the bytes hashed are the bytes sent.
    /// </summary>
    public static ActionResult WithContentETag(this ControllerBase controller, object value) =>
        controller.WithContentETag(JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), ApiJson.Options), "application/json; charset=utf-8");

    /// <summary>200 with bytes already written and an ETag hashed from them, or 304.</summary>
    public static ActionResult WithContentETag(this ControllerBase controller, byte[] body, string contentType)
    {
        var etag = $"\"{Convert.ToHexStringLower(SHA256.HashData(body))[..32]}\"";
        return IsNotModified(controller, etag) ? controller.StatusCode(StatusCodes.Status304NotModified) : new BytesResult(body, contentType);
    }

    private static bool IsNotModified(ControllerBase controller, string etag)
    {
        controller.Response.Headers.ETag = etag;
        var ifNoneMatch = controller.Request.Headers.IfNoneMatch;
        return ifNoneMatch.Count > 0 && EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)
            && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(new EntityTagHeaderValue(etag), useStrongComparison: false));
    }

    /// <summary>A body already serialised, sent as MVC would send it.</summary>
    private sealed class BytesResult(byte[] body, string contentType) : ActionResult
    {
        public override Task ExecuteResultAsync(ActionContext context)
        {
            var response = context.HttpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = contentType;
            response.ContentLength = body.Length;
            return response.Body.WriteAsync(body, context.HttpContext.RequestAborted).AsTask();
        }
    }

    /// <summary>Sends a write's outcome, with its Location and ETag, marked when it is a replay.</summary>
    public static ActionResult Answer(this ControllerBase controller, WriteOutcome outcome)
    {
        var headers = controller.Response.Headers;
        if (outcome.Location is not null)
        {
            headers.Location = outcome.Location;
        }

        if (outcome.ETag is not null)
        {
            headers.ETag = outcome.ETag;
        }

        if (outcome.Replayed)
        {
            headers["Idempotent-Replayed"] = "true";
        }

        return outcome.Json is null
            ? controller.StatusCode(outcome.Status)
            : new ContentResult { StatusCode = outcome.Status, Content = outcome.Json, ContentType = "application/json; charset=utf-8" };
    }
}
