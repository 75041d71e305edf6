using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Readouts.Api.Events;
using Readouts.Api.Infrastructure;

namespace Readouts.Api.Webhooks;

/// <summary>The outcome of one delivery attempt.</summary>
public sealed record SendResult(bool Succeeded, int? StatusCode, string? Error, int DurationMs);

/// <summary>
/// Sends one event to one subscription, signed, within <c>Webhooks:Timeout</c>. No proxy and no
/// redirects: the connection goes where <see cref="WebhookTargets"/> allowed, or nowhere.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    private readonly HttpClient client;
    private readonly WebhookOptions options;
    private readonly TimeProvider clock;

    public WebhookSender(IOptions<WebhookOptions> options, TimeProvider clock)
    {
        this.options = options.Value;
        this.clock = clock;
        var allowPrivate = this.options.AllowPrivateTargets;
        client = new HttpClient(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            // Names are resolved again at least once a minute: a receiver that moves is followed.
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectCallback = (context, ct) => WebhookTargets.ConnectAsync(context.DnsEndPoint, allowPrivate, ct),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Readouts-Webhooks", "1"));
    }

    /// <summary>The message id of an event: the same on every attempt, so that receivers can drop repeats.</summary>
    public static string MessageId(long eventId) => $"evt_{eventId}";

    /// <summary>The body: type, timestamp and the event as GET /api/events shows it.</summary>
    public static byte[] Body(EventResponse e) =>
        JsonSerializer.SerializeToUtf8Bytes(new { type = e.Type, timestamp = e.OccurredAt, data = e }, ApiJson.Options);

    public async Task<SendResult> SendAsync(string url, string secret, EventResponse e, CancellationToken stopping)
    {
        var body = Body(e);
        var id = MessageId(e.Id);
        var timestamp = clock.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", WebhookSignature.Sign(secret, id, timestamp, body));

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        timeout.CancelAfter(options.Timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            // Only the status matters; the body is not read.
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            return new SendResult(status is >= 200 and < 300, status, null, Elapsed(started));
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            return new SendResult(false, null, $"No answer within {options.Timeout.TotalSeconds:0.#} s.", Elapsed(started));
        }
        catch (HttpRequestException ex)
        {
            return new SendResult(false, null, ex.InnerException is { } inner and not HttpRequestException ? $"{ex.Message} {inner.Message}" : ex.Message, Elapsed(started));
        }
    }

    private static int Elapsed(long started) => (int)Stopwatch.GetElapsedTime(started).TotalMilliseconds;

    public void Dispose() => client.Dispose();
}
