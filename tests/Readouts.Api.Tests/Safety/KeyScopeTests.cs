using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Readouts.Api.Tests.Infrastructure;

namespace Readouts.Api.Tests.Safety;

/// <summary>
/// Keys with scopes: a newsroom's ingest key (<c>readouts</c>) posts, corrects and links readouts
/// but cannot rewrite the registry; an editor's key (<c>registry</c>) the other way round; a key
/// configured without scopes keeps both, as keys did before scopes.
/// </summary>
public sealed class KeyScopeTests(ReadoutsApiFactory api) : IClassFixture<ReadoutsApiFactory>
{
    private const string IngestKey = "ingest-key";
    private const string EditorKey = "editor-key";

    private WebApplicationFactory<Program> Host() => api.WithWebHostBuilder(builder =>
    {
        builder.UseSetting("ApiKeys:1:Name", "newsroom-ingest");
        builder.UseSetting("ApiKeys:1:Key", IngestKey);
        builder.UseSetting("ApiKeys:1:Scopes:0", "readouts");
        builder.UseSetting("ApiKeys:2:Name", "registry-editor");
        builder.UseSetting("ApiKeys:2:Key", EditorKey);
        builder.UseSetting("ApiKeys:2:Scopes:0", "registry");
    });

    private static HttpClient Writer(WebApplicationFactory<Program> host, string key)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    private static async Task ShouldNeedScopeAsync(HttpResponseMessage response, string scope, string what)
    {
        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden);
        var detail = problem.TryGetProperty("detail", out var d) ? d.GetString() : null;
        Assert.True(
            problem.TryGetProperty("requiredScope", out var needed) && needed.GetString() == scope && detail?.Contains(scope, StringComparison.Ordinal) == true,
            $"{what}: the 403 must name the scope '{scope}' (requiredScope and detail), got {problem}");
    }

    [Fact]
    public async Task A_readouts_only_key_posts_corrects_and_links_readouts_but_gets_403_naming_the_scope_on_registry_writes()
    {
        await using var host = Host();
        using var full = Writer(host, ReadoutsApiFactory.ApiKey);
        using var ingest = Writer(host, IngestKey);
        var source = await full.NewSourceAsync("scope");

        var posted = await ingest.PostReadoutAsync(TestData.Readout(source, TestData.NewDate(), "Recep Tayyip Erdoğan", "Vladimir Putin"));
        var corrected = await ingest.PutReadoutAsync(posted.Id, TestData.Readout(source, posted.CallDate, "Recep Tayyip Erdoğan", "Vladimir Putin") with { Url = posted.Url, Body = "Corrected by the newsroom." }, $"\"{posted.Version}\"");
        await corrected.ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await ingest.LinkReadoutAsync(posted.Id, callId: null)).ShouldHaveStatusAsync(HttpStatusCode.OK);

        await ShouldNeedScopeAsync(await ingest.PostAsJsonAsync("/api/leaders", new { name = "Ingest Leader", country = "TR" }), "registry", "POST /api/leaders with a readouts key");
        await ShouldNeedScopeAsync(await ingest.PostAsJsonAsync("/api/sources", new { slug = "ingest-src", name = "Ingest", country = "TR", url = "https://ingest.example.org" }), "registry", "POST /api/sources with a readouts key");
        await ShouldNeedScopeAsync(await ingest.PostAsJsonAsync("/api/topics/ukraine/merge", new { topics = new[] { "russia" } }), "registry", "POST /api/topics/{slug}/merge with a readouts key");
        await ShouldNeedScopeAsync(await ingest.PostAsJsonAsync("/api/topics/ukraine/aliases", new { alias = "Ukraina-ingest" }), "registry", "POST /api/topics/{slug}/aliases with a readouts key");
    }

    [Fact]
    public async Task A_registry_only_key_edits_the_registry_but_gets_403_on_readout_writes()
    {
        await using var host = Host();
        using var full = Writer(host, ReadoutsApiFactory.ApiKey);
        using var editor = Writer(host, EditorKey);
        var source = await editor.NewSourceAsync("editor");
        var posted = await full.PostReadoutAsync(TestData.Readout(source, TestData.NewDate(), "Recep Tayyip Erdoğan", "Vladimir Putin"));

        await ShouldNeedScopeAsync(await editor.PostAsJsonAsync("/api/readouts", TestData.Readout(source, TestData.NewDate(), "Recep Tayyip Erdoğan", "Vladimir Putin")), "readouts", "POST /api/readouts with a registry key");
        await ShouldNeedScopeAsync(await editor.DeleteReadoutAsync(posted.Id, $"\"{posted.Version}\""), "readouts", "DELETE /api/readouts/{id} with a registry key");
        await full.GetJsonAsync<JsonElement>($"/api/readouts/{posted.Id}");
    }

    [Fact]
    public async Task A_key_without_scopes_keeps_both_and_the_revision_history_names_the_key_that_wrote()
    {
        await using var host = Host();
        using var full = Writer(host, ReadoutsApiFactory.ApiKey);
        using var ingest = Writer(host, IngestKey);
        var source = await full.NewSourceAsync("both");
        await (await full.PostAsJsonAsync("/api/leaders", new { name = $"Scope Leader {Guid.NewGuid():N}"[..24], country = "FI" })).ShouldHaveStatusAsync(HttpStatusCode.Created);

        var posted = await ingest.PostReadoutAsync(TestData.Readout(source, TestData.NewDate(), "Recep Tayyip Erdoğan", "Vladimir Putin"));

        var revisions = await full.GetJsonAsync<JsonElement>($"/api/readouts/{posted.Id}/revisions");
        var writers = revisions.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("writtenBy").GetString()).ToList();
        Assert.True(writers is ["newsroom-ingest"], $"The revision history must name the scoped key that wrote, got [{string.Join(", ", writers)}]");
    }

    [Fact]
    public void A_scope_that_does_not_exist_stops_the_start()
    {
        using var host = api.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("ApiKeys:1:Key", "typo-key");
            builder.UseSetting("ApiKeys:1:Scopes:0", "readout");
        });

        var error = Assert.ThrowsAny<Exception>(() => host.CreateClient());
        Assert.Contains("'readout' is not a scope", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_says_which_scope_each_write_needs()
    {
        using var client = api.CreateClient();
        var document = await client.GetJsonAsync<JsonElement>("/swagger/v1/swagger.json");
        string? ScopeOf(string path, string method) =>
            document.GetProperty("paths").GetProperty(path).GetProperty(method).TryGetProperty("x-required-scope", out var scope) ? scope.GetString() : null;

        Assert.Equal("readouts", ScopeOf("/api/readouts", "post"));
        Assert.Equal("readouts", ScopeOf("/api/readouts/{id}", "delete"));
        Assert.Equal("registry", ScopeOf("/api/leaders", "post"));
        Assert.Equal("registry", ScopeOf("/api/topics/{slug}/merge", "post"));
        Assert.Null(ScopeOf("/api/calls", "get"));
        Assert.Equal("webhooks", ScopeOf("/api/webhooks", "post"));
        Assert.Equal("webhooks", ScopeOf("/api/webhooks", "get"));
        Assert.Equal("webhooks", ScopeOf("/api/webhooks/{id}", "delete"));
        Assert.Equal("webhooks", ScopeOf("/api/webhooks/{id}/deliveries", "get"));
        Assert.Null(ScopeOf("/api/events", "get"));
        Assert.False(document.GetProperty("paths").GetProperty("/api/webhooks/{id}").GetProperty("delete").GetProperty("responses").TryGetProperty("428", out _), "DELETE /api/webhooks/{id} takes no If-Match, yet 428 is declared.");
    }
}
