using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using Readouts.Api.Tests.Infrastructure;

namespace Readouts.Api.Tests.Safety;

/// <summary>
/// What keeps a public API standing: rate limits (per key for writes, per address for reads,
/// never on health probes), hashed write keys, security headers on every answer, and CORS only
/// for the origins configured.
/// </summary>
public sealed class AbuseTests(ReadoutsApiFactory api) : IClassFixture<ReadoutsApiFactory>
{
    private const string Newsroom = "https://newsroom.example";

    /// <summary>The application on the class's database, with these settings on top of the factory's.</summary>
    private WebApplicationFactory<Program> Host(params (string Key, string Value)[] settings) =>
        api.WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        });

    private static HttpClient Writer(WebApplicationFactory<Program> host, string apiKey)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    private static Task<HttpResponseMessage> PostSourceAsync(HttpClient client)
    {
        var slug = $"abuse-{Guid.NewGuid():N}"[..18];
        return client.PostAsJsonAsync("/api/sources", new { slug, name = $"Source {slug}", country = "TR", url = $"https://{slug}.example.org" });
    }

    private static async Task ShouldBeTooManyRequestsAsync(HttpResponseMessage response, TimeSpan window)
    {
        await response.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.True(
            retryAfter is { } wait && wait > TimeSpan.Zero && wait <= window,
            $"A 429 must say in Retry-After how many seconds to wait (1 to {window.TotalSeconds}), got '{response.Headers.RetryAfter}'.");
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, "/api/calls");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "GET");
        return request;
    }

    private static HttpRequestMessage GetFrom(string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/calls");
        request.Headers.Add("Origin", origin);
        return request;
    }

    [Fact]
    public async Task Writes_over_the_limit_get_429_with_retry_after()
    {
        await using var host = Host(
            ("RateLimiting:Enabled", "true"),
            ("RateLimiting:Writes:PermitLimit", "3"),
            ("RateLimiting:Writes:WindowSeconds", "60"),
            ("ApiKeys:1", "other-key"));
        using var writer = Writer(host, ReadoutsApiFactory.ApiKey);
        using var other = Writer(host, "other-key");

        for (var i = 1; i <= 3; i++)
        {
            await (await PostSourceAsync(writer)).ShouldHaveStatusAsync(HttpStatusCode.Created);
        }

        var fourth = await PostSourceAsync(writer);

        await ShouldBeTooManyRequestsAsync(fourth, TimeSpan.FromSeconds(60));
        var otherKey = await PostSourceAsync(other);
        Assert.True(
            otherKey.StatusCode == HttpStatusCode.Created,
            $"Write limits are per API key: another key's first write was refused with {(int)otherKey.StatusCode}: {await otherKey.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task Reads_over_the_limit_get_429_with_retry_after_but_health_probes_never_do()
    {
        await using var host = Host(
            ("RateLimiting:Enabled", "true"),
            ("RateLimiting:Reads:PermitLimit", "5"),
            ("RateLimiting:Reads:WindowSeconds", "60"));
        using var client = host.CreateClient();

        for (var i = 1; i <= 5; i++)
        {
            await (await client.GetAsync("/api/calls")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        }

        var sixth = await client.GetAsync("/api/calls");

        await ShouldBeTooManyRequestsAsync(sixth, TimeSpan.FromSeconds(60));
        for (var i = 1; i <= 20; i++)
        {
            var live = await client.GetAsync("/health/live");
            Assert.True(
                live.StatusCode == HttpStatusCode.OK,
                $"Liveness probe {i} of 20 got {(int)live.StatusCode}: health probes must never be rate limited, or orchestrators restart healthy instances.");
        }
    }

    [Fact]
    public async Task Pages_and_the_api_share_one_read_limit()
    {
        await using var host = Host(
            ("RateLimiting:Enabled", "true"),
            ("RateLimiting:Reads:PermitLimit", "4"),
            ("RateLimiting:Reads:WindowSeconds", "60"));
        using var client = host.CreateClient();

        await (await client.GetAsync("/")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await client.GetAsync("/site.css")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await client.GetAsync("/api/calls")).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await client.GetAsync("/")).ShouldHaveStatusAsync(HttpStatusCode.OK);

        await ShouldBeTooManyRequestsAsync(await client.GetAsync("/"), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Rate_limiting_switched_off_limits_nothing()
    {
        await using var host = Host(
            ("RateLimiting:Enabled", "false"),
            ("RateLimiting:Reads:PermitLimit", "1"),
            ("RateLimiting:Reads:WindowSeconds", "60"),
            ("RateLimiting:Writes:PermitLimit", "1"),
            ("RateLimiting:Writes:WindowSeconds", "60"));
        using var client = Writer(host, ReadoutsApiFactory.ApiKey);

        for (var i = 1; i <= 10; i++)
        {
            var read = await client.GetAsync("/api/calls");
            Assert.True(read.StatusCode == HttpStatusCode.OK, $"Read {i} of 10 got {(int)read.StatusCode} with RateLimiting:Enabled=false.");
        }

        for (var i = 1; i <= 3; i++)
        {
            var write = await PostSourceAsync(client);
            Assert.True(write.StatusCode == HttpStatusCode.Created, $"Write {i} of 3 got {(int)write.StatusCode} with RateLimiting:Enabled=false.");
        }
    }

    [Fact]
    public async Task A_key_configured_by_its_sha256_authenticates_the_secret_but_not_the_hash()
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("hashed-secret")));
        await using var host = Host(
            ("ApiKeys:1:Name", "newsroom"),
            ("ApiKeys:1:Key", $"sha256:{hash}"));
        using var secret = Writer(host, "hashed-secret");
        using var hashAsKey = Writer(host, hash);
        using var prefixedHashAsKey = Writer(host, $"sha256:{hash}");

        var withSecret = await PostSourceAsync(secret);
        var withHash = await PostSourceAsync(hashAsKey);
        var withPrefixedHash = await PostSourceAsync(prefixedHashAsKey);

        await withSecret.ShouldHaveStatusAsync(HttpStatusCode.Created);
        await withHash.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await withPrefixedHash.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_named_key_replaces_a_plain_key_at_the_same_index()
    {
        // As ApiKeys__0__Key in the environment over the ApiKeys[0] of appsettings.Development.json.
        await using var host = Host(("ApiKeys:0:Name", "newsroom"), ("ApiKeys:0:Key", "named-key"));
        using var named = Writer(host, "named-key");
        using var replaced = Writer(host, ReadoutsApiFactory.ApiKey);

        await (await PostSourceAsync(named)).ShouldHaveStatusAsync(HttpStatusCode.Created);
        await (await PostSourceAsync(replaced)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_malformed_sha256_key_stops_the_host_from_starting()
    {
        await using var host = Host(("ApiKeys:0", "sha256:zz"));

        var error = Record.Exception(() => host.CreateClient().Dispose());

        if (error is null)
        {
            using var client = host.CreateClient();
            var live = await client.GetAsync("/health/live");
            var read = await client.GetAsync("/api/calls");
            Assert.Fail(
                "The host started with ApiKeys:0=sha256:zz: a malformed key must stop it at startup. "
                + $"Instead GET /health/live answers {(int)live.StatusCode} and GET /api/calls {(int)read.StatusCode}.");
        }

        var messages = new List<string>();
        for (var e = error; e is not null; e = e.InnerException)
        {
            messages.Add($"{e.GetType().Name}: {e.Message}");
        }

        Assert.True(
            messages.Exists(m => m.Contains("sha256", StringComparison.OrdinalIgnoreCase)),
            $"The startup error does not say what is wrong with the key (no mention of sha256): {string.Join(" <- ", messages)}");
    }

    [Fact]
    public async Task Every_answer_carries_nosniff_and_no_server_header()
    {
        // Over real Kestrel: the in-memory test server never sends a Server header, so only
        // Kestrel shows whether the application turned it off.
        await using var host = Host();
        host.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        using var client = host.CreateClient();
        var answers = new (string Request, HttpResponseMessage Response, HttpStatusCode Expected)[]
        {
            ("GET /api/sources", await client.GetAsync("/api/sources"), HttpStatusCode.OK),
            ("GET /api/readouts/999999", await client.GetAsync("/api/readouts/999999"), HttpStatusCode.NotFound),
            ("POST /api/sources without a key", await PostSourceAsync(client), HttpStatusCode.Unauthorized),
            ("GET /api/calls?limit=0", await client.GetAsync("/api/calls?limit=0"), HttpStatusCode.BadRequest),
        };

        foreach (var (request, response, expected) in answers)
        {
            await response.ShouldHaveStatusAsync(expected);
            Assert.True(
                Header(response, "X-Content-Type-Options") == "nosniff",
                $"{request} ({(int)expected}): X-Content-Type-Options is '{Header(response, "X-Content-Type-Options")}', not 'nosniff'.");
            Assert.True(
                Header(response, "Server") is null,
                $"{request} ({(int)expected}): the Server header gives away the stack: '{Header(response, "Server")}'.");
        }
    }

    [Fact]
    public async Task Cors_is_off_unless_origins_are_configured()
    {
        using var client = api.CreateClient();

        var preflight = await client.SendAsync(Preflight(Newsroom));
        var get = await client.SendAsync(GetFrom(Newsroom));

        Assert.True(
            Header(preflight, "Access-Control-Allow-Origin") is null,
            $"With no Cors:AllowedOrigins, a preflight from {Newsroom} was allowed: '{Header(preflight, "Access-Control-Allow-Origin")}'.");
        await get.ShouldHaveStatusAsync(HttpStatusCode.OK);
        Assert.True(
            Header(get, "Access-Control-Allow-Origin") is null,
            $"With no Cors:AllowedOrigins, a GET from {Newsroom} was allowed: '{Header(get, "Access-Control-Allow-Origin")}'.");
    }

    [Fact]
    public async Task A_configured_origin_passes_cors_and_any_other_origin_does_not()
    {
        await using var host = Host(("Cors:AllowedOrigins:0", Newsroom));
        using var client = host.CreateClient();

        var preflight = await client.SendAsync(Preflight(Newsroom));
        var get = await client.SendAsync(GetFrom(Newsroom));
        var otherPreflight = await client.SendAsync(Preflight("https://elsewhere.example"));
        var otherGet = await client.SendAsync(GetFrom("https://elsewhere.example"));

        Assert.True(
            Header(preflight, "Access-Control-Allow-Origin") == Newsroom,
            $"A preflight from the configured origin {Newsroom} got {(int)preflight.StatusCode} with Access-Control-Allow-Origin '{Header(preflight, "Access-Control-Allow-Origin")}'.");
        await get.ShouldHaveStatusAsync(HttpStatusCode.OK);
        Assert.True(
            Header(get, "Access-Control-Allow-Origin") == Newsroom,
            $"A GET from the configured origin {Newsroom} got Access-Control-Allow-Origin '{Header(get, "Access-Control-Allow-Origin")}'.");
        Assert.True(
            Header(otherPreflight, "Access-Control-Allow-Origin") is null,
            $"A preflight from an origin not configured was allowed: '{Header(otherPreflight, "Access-Control-Allow-Origin")}'.");
        Assert.True(
            Header(otherGet, "Access-Control-Allow-Origin") is null,
            $"A GET from an origin not configured was allowed: '{Header(otherGet, "Access-Control-Allow-Origin")}'.");
    }
}
