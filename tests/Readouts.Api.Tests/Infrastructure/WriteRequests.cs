using System.Net.Http.Headers;
using System.Net.Http.Json;
using Readouts.Api.Readouts;

namespace Readouts.Api.Tests.Infrastructure;

/// <summary>Writes with the headers write safety uses: Idempotency-Key, If-Match, If-None-Match.</summary>
public static class WriteRequests
{
    public static Task<HttpResponseMessage> PostWithKeyAsync(this HttpClient client, string url, object body, string idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return client.SendAsync(request);
    }

    /// <summary>PUT of a correction; <paramref name="etag"/> null sends no If-Match.</summary>
    public static Task<HttpResponseMessage> PutReadoutAsync(this HttpClient client, long id, ReadoutRequest body, string? etag) =>
        client.SendWithIfMatchAsync(HttpMethod.Put, $"/api/readouts/{id}", body, etag);

    public static Task<HttpResponseMessage> DeleteReadoutAsync(this HttpClient client, long id, string? etag) =>
        client.SendWithIfMatchAsync(HttpMethod.Delete, $"/api/readouts/{id}", body: null, etag);

    public static Task<HttpResponseMessage> LinkReadoutAsync(this HttpClient client, long id, long? callId, string? etag = null) =>
        client.SendWithIfMatchAsync(HttpMethod.Post, $"/api/readouts/{id}/link", new { callId }, etag);

    /// <summary>Without validation, so tests can send malformed or stale tags as they are.</summary>
    private static Task<HttpResponseMessage> SendWithIfMatchAsync(this HttpClient client, HttpMethod method, string url, object? body, string? etag)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        if (etag is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", etag);
        }

        return client.SendAsync(request);
    }

    public static Task<HttpResponseMessage> GetIfNoneMatchAsync(this HttpClient client, string url, string etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(etag));
        return client.SendAsync(request);
    }

    /// <summary>The ETag of a readout as GET gives it.</summary>
    public static async Task<string> ETagOfAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        await response.ShouldHaveStatusAsync(System.Net.HttpStatusCode.OK);
        return response.Headers.ETag?.ToString() ?? throw new Xunit.Sdk.XunitException($"GET {url} sent no ETag.");
    }
}
