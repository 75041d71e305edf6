using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Readouts.Api.Tests.Infrastructure;

/// <summary>
/// A webhook receiver on a real port of 127.0.0.1: it keeps every request it gets (body and
/// headers) and answers what <see cref="Respond"/> says, given the request and how many times its
/// webhook-id has come (1 for the first).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Received(string Id, string Body, HeaderDictionary Headers, int Attempt, int AnsweredWith, DateTimeOffset At)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;

        public string Type => Json.GetProperty("type").GetString()!;

        public JsonElement Data => Json.GetProperty("data");
    }

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, int> attempts = new();

    private WebhookReceiver(WebApplication app) => this.app = app;

    public ConcurrentQueue<Received> Requests { get; } = new();

    /// <summary>The status to answer (and when, if it waits first).</summary>
    public Func<HttpRequest, int, Task<int>> Respond { get; set; } = (_, _) => Task.FromResult(StatusCodes.Status200OK);

    public string Url { get; private set; } = "";

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", async (HttpContext http) =>
        {
            using var reader = new StreamReader(http.Request.Body);
            var body = await reader.ReadToEndAsync();
            var id = http.Request.Headers["webhook-id"].ToString();
            var attempt = receiver.attempts.AddOrUpdate(id, 1, (_, n) => n + 1);
            var status = await receiver.Respond(http.Request, attempt);
            var headers = new HeaderDictionary();
            foreach (var (name, value) in http.Request.Headers)
            {
                headers[name] = value;
            }

            receiver.Requests.Enqueue(new Received(id, body, headers, attempt, status, DateTimeOffset.UtcNow));
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        receiver.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/hook";
        return receiver;
    }

    /// <summary>Waits for requests until <paramref name="done"/> holds of them; fails saying what came.</summary>
    public async Task<IReadOnlyList<Received>> WaitUntilAsync(Func<IReadOnlyList<Received>, bool> done, string what, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var got = Requests.ToList();
            if (done(got))
            {
                return got;
            }

            if (clock.Elapsed > (timeout ?? TimeSpan.FromSeconds(30)))
            {
                Assert.Fail($"The receiver waited {clock.Elapsed.TotalSeconds:0} s for {what}; it got {got.Count} request(s): "
                    + string.Join("; ", got.Select(r => $"{r.Id} {r.Type} attempt {r.Attempt} answered {r.AnsweredWith}")));
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
