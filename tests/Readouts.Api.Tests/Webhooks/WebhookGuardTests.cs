using System.Net;
using System.Net.Http.Json;
using Readouts.Api.Infrastructure;
using Readouts.Api.Tests.Infrastructure;
using Readouts.Api.Webhooks;

namespace Readouts.Api.Tests.Webhooks;

/// <summary>Who may subscribe, to what: public http(s) targets only, and each key its own subscriptions.</summary>
public sealed class WebhookGuardTests(ReadoutsApiFactory api) : IClassFixture<ReadoutsApiFactory>
{
    private readonly HttpClient client = api.CreateWriter();

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("http://api.localhost/hook")]
    [InlineData("http://10.1.2.3/hook")]
    [InlineData("http://172.20.0.5/hook")]
    [InlineData("http://192.168.1.1/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://100.100.100.200/")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://[fd00:ec2::254]/")]
    [InlineData("http://[::ffff:127.0.0.1]/hook")]
    [InlineData("http://0.0.0.0/hook")]
    public async Task A_loopback_private_link_local_or_metadata_target_is_refused(string url)
    {
        var response = await client.PostAsJsonAsync("/api/webhooks", new { url, events = new[] { "call.source-added" } });
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("public addresses", Assert.Single(problem.ErrorsFor("url")));
    }

    [Theory]
    [InlineData("ftp://example.org/hook")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/relative/hook")]
    [InlineData("https://user:secret@example.org/hook")]
    public async Task A_target_that_is_not_an_http_url_without_credentials_is_a_bad_request(string url)
    {
        var response = await client.PostAsJsonAsync("/api/webhooks", new { url, events = new[] { "call.source-added" } });
        Assert.NotEmpty((await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("url"));
    }

    [Fact]
    public async Task A_public_target_is_accepted_and_unknown_event_types_are_named_in_the_error()
    {
        var created = await client.PostAsJsonAsync("/api/webhooks", new { url = "https://93.184.215.14/hooks/readouts", events = new[] { "call.source-added", "readout.corrected" } });
        await created.ShouldHaveStatusAsync(HttpStatusCode.Created);
        Assert.StartsWith("/api/webhooks/", created.Headers.Location!.OriginalString);

        var bad = await client.PostAsJsonAsync("/api/webhooks", new { url = "https://93.184.215.14/hooks", events = new[] { "readout.published" } });
        Assert.Contains("call.source-added", Assert.Single((await bad.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("events[0]")));
        var none = await client.PostAsJsonAsync("/api/webhooks", new { url = "https://93.184.215.14/hooks", events = Array.Empty<string>() });
        await none.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Another_key_can_neither_see_nor_delete_a_subscription_and_a_key_without_the_webhooks_scope_cannot_subscribe()
    {
        using var instance = api.WithWebHostBuilder(b =>
        {
            b.UseSetting("ApiKeys:1:Name", "other-newsroom");
            b.UseSetting("ApiKeys:1:Key", "other-key");
            b.UseSetting("ApiKeys:2:Name", "ingest-only");
            b.UseSetting("ApiKeys:2:Key", "ingest-key");
            b.UseSetting("ApiKeys:2:Scopes:0", "readouts");
        });
        HttpClient As(string key)
        {
            var c = instance.CreateClient();
            c.DefaultRequestHeaders.Add("X-Api-Key", key);
            return c;
        }

        var (owner, other, ingest) = (As(ReadoutsApiFactory.ApiKey), As("other-key"), As("ingest-key"));
        var created = await owner.PostAsJsonAsync("/api/webhooks", new { url = "https://93.184.215.14/mine", events = new[] { "call.created" } });
        var webhook = (await created.Content.ReadFromJsonAsync<WebhookResponse>())!;

        await (await other.GetAsync($"/api/webhooks/{webhook.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await other.GetAsync($"/api/webhooks/{webhook.Id}/deliveries")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await other.DeleteAsync($"/api/webhooks/{webhook.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await other.PostAsync($"/api/webhooks/{webhook.Id}/enable", null)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        Assert.DoesNotContain((await other.GetJsonAsync<Page<WebhookResponse>>("/api/webhooks")).Items, w => w.Id == webhook.Id);
        Assert.Contains((await owner.GetJsonAsync<Page<WebhookResponse>>("/api/webhooks")).Items, w => w.Id == webhook.Id);

        var refused = await ingest.PostAsJsonAsync("/api/webhooks", new { url = "https://93.184.215.14/ingest", events = new[] { "call.created" } });
        Assert.Equal("webhooks", (await refused.ShouldBeProblemAsync(HttpStatusCode.Forbidden)).GetProperty("requiredScope").GetString());
        await (await instance.CreateClient().GetAsync("/api/webhooks")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        await (await owner.DeleteAsync($"/api/webhooks/{webhook.Id}")).ShouldHaveStatusAsync(HttpStatusCode.NoContent);
        await (await owner.GetAsync($"/api/webhooks/{webhook.Id}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }
}
