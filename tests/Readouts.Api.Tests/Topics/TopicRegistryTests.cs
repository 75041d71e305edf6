using System.Net;
using System.Net.Http.Json;
using Readouts.Api.Calls;
using Readouts.Api.Infrastructure;
using Readouts.Api.Readouts;
using Readouts.Api.Tests.Infrastructure;
using Readouts.Api.Topics;

namespace Readouts.Api.Tests.Topics;

/// <summary>The registry of subjects over HTTP: search, read, add subjects and aliases, merge.</summary>
public sealed class TopicRegistryTests(ReadoutsApiFactory api) : IClassFixture<ReadoutsApiFactory>
{
    private readonly HttpClient client = api.CreateWriter();

    private static string Unique(string name) => $"{name} {Guid.NewGuid().ToString("N")[..8]}";

    private async Task<ReadoutResponse> PostLabelledAsync(string language, string body, params string[] labels) =>
        await client.PostReadoutAsync(TestData.Readout(await client.NewSourceAsync(), TestData.NewDate(), "Lula", "Modi") with
        {
            Language = language,
            Body = body,
            Topics = [.. labels],
        });

    [Theory]
    [InlineData("укр", "ukraine")]
    [InlineData("Украина", "ukraine")]
    [InlineData("乌克", "ukraine")]
    [InlineData("ukra", "ukraine")]
    [InlineData("iran", "iran")]
    [InlineData("NATO", "nato")]
    public async Task Topics_are_found_by_any_name_in_any_script_best_match_first(string q, string first)
    {
        var page = await client.GetJsonAsync<Page<TopicResponse>>($"/api/topics?q={Uri.EscapeDataString(q)}");

        Assert.True(page.Items.Count > 0 && page.Items[0].Slug == first, $"?q={q} gives {string.Join(", ", page.Items.Select(t => t.Slug))}; expected {first} first.");
    }

    [Fact]
    public async Task A_search_pages_by_cursor_without_repeating_a_topic()
    {
        var all = await client.GetAllPagesAsync<TopicResponse>("/api/topics?q=guinea", limit: 2);

        Assert.Equal(all.Select(t => t.Slug).Distinct(), all.Select(t => t.Slug));
        Assert.Contains("guinea", all.Select(t => t.Slug));
        Assert.Contains("guinea-bissau", all.Select(t => t.Slug));
        Assert.Equal("guinea", all[0].Slug);
    }

    [Fact]
    public async Task A_subject_answers_its_kind_wikidata_id_and_names_in_their_languages()
    {
        var ukraine = await client.GetJsonAsync<TopicResponse>("/api/topics/ukraine");

        Assert.Equal(("Ukraine", "country", "Q212", "UA"), (ukraine.Name, ukraine.Kind, ukraine.Wikidata, ukraine.Country));
        Assert.Equal("Ukraine", ukraine.Aliases[0].Alias);
        Assert.Contains(ukraine.Aliases, a => a.Alias == "Украина" && a.Languages.Contains("ru"));
        Assert.Contains(ukraine.Aliases, a => a.Alias == "Ukrayna" && a.Languages.Contains("tr"));
        Assert.Contains(ukraine.Aliases, a => a.Alias == "乌克兰" && a.Languages.Contains("zh"));
        var nato = await client.GetJsonAsync<TopicResponse>("/api/topics/nato");
        Assert.Contains(nato.Aliases, a => a.Alias == "NATO" && a.Cased);
        await (await client.GetAsync("/api/topics/no-such-topic")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_new_subject_is_created_with_its_aliases_and_a_name_another_topic_has_is_a_409()
    {
        var name = Unique("Donbas region");
        var response = await client.PostAsJsonAsync("/api/topics", new
        {
            name,
            kind = "region",
            aliases = new[] { new { alias = $"Донбасс {name[^8..]}", languages = new[] { "ru" } } },
        });
        await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var created = (await response.Content.ReadFromJsonAsync<TopicResponse>())!;
        Assert.Equal($"/api/topics/{created.Slug}", response.Headers.Location?.OriginalString);
        Assert.Equal(NameKey.Slug(name), created.Slug);
        Assert.Equal(["en"], created.Aliases.Single(a => a.Alias == name).Languages);

        var taken = await client.PostAsJsonAsync("/api/topics", new { name = Unique("Another"), kind = "region", aliases = new[] { new { alias = "Украина" } } });
        var problem = await taken.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("ukraine", problem.GetProperty("detail").GetString());
        await (await client.PostAsJsonAsync("/api/topics", new { name, kind = "region" })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await client.PostAsJsonAsync("/api/topics", new { name = Unique("Ukraine again"), kind = "country", country = "UA" })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        var invalid = await (await client.PostAsJsonAsync("/api/topics", new { name = "X", kind = "planet" })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(invalid.ErrorsFor("kind"));
    }

    [Fact]
    public async Task An_alias_is_added_once_given_again_answers_200_and_another_topics_is_a_409()
    {
        var alias = Unique("Oukraïna");

        var added = await client.PostAsJsonAsync("/api/topics/ukraine/aliases", new { alias, languages = new[] { "fr" } });
        await added.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var again = await client.PostAsJsonAsync("/api/topics/ukraine/aliases", new { alias });
        await again.ShouldHaveStatusAsync(HttpStatusCode.OK);
        Assert.Contains((await again.Content.ReadFromJsonAsync<TopicResponse>())!.Aliases, a => a.Alias == alias && a.Languages.SequenceEqual(["fr"]));

        await (await client.PostAsJsonAsync("/api/topics/iran/aliases", new { alias })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await client.PostAsJsonAsync("/api/topics/iran/aliases", new { alias = "irak" })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await client.PostAsJsonAsync("/api/topics/no-such-topic/aliases", new { alias = Unique("x") })).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        // From then on, a label with that name resolves to the subject.
        var readout = await PostLabelledAsync("en", "…", alias.ToUpperInvariant());
        Assert.Equal(["ukraine"], readout.Topics.Select(t => t.Slug));
    }

    [Fact]
    public async Task An_alias_given_a_language_is_looked_for_in_the_readouts_stored_before_it()
    {
        var word = $"Zorvania{Guid.NewGuid().ToString("N")[..6]}";
        var stored = await PostLabelledAsync("en", $"The leaders discussed {word} and trade.");
        Assert.DoesNotContain(stored.MentionedTopics, m => m.Slug == "ukraine");

        await (await client.PostAsJsonAsync("/api/topics/ukraine/aliases", new { alias = word, languages = new[] { "en" } })).ShouldHaveStatusAsync(HttpStatusCode.Created);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        ReadoutResponse readout;
        do
        {
            await Task.Delay(200);
            readout = await client.GetJsonAsync<ReadoutResponse>($"/api/readouts/{stored.Id}");
        }
        while (!readout.MentionedTopics.Any(m => m.Slug == "ukraine") && DateTime.UtcNow < deadline);

        Assert.Contains(readout.MentionedTopics, m => m.Slug == "ukraine" && m.Words.SequenceEqual([word]));
        var calls = await client.GetJsonAsync<Page<CallSummary>>($"/api/calls?topic=ukraine&from={stored.CallDate:yyyy-MM-dd}&to={stored.CallDate:yyyy-MM-dd}");
        Assert.Contains(calls.Items, c => c.Id == stored.CallId);
    }

    [Fact]
    public async Task A_merge_relabels_readouts_and_calls_and_the_merged_slug_leads_to_the_subject()
    {
        var label = Unique("Ukr crisis");
        var readout = await PostLabelledAsync("en", "The leaders spoke.", label);
        var old = Assert.Single(readout.Topics);
        Assert.Equal("other", old.Kind);

        var merged = await client.PostAsJsonAsync("/api/topics/ukraine/merge", new { topics = new[] { old.Slug } });
        await merged.ShouldHaveStatusAsync(HttpStatusCode.OK);
        Assert.Contains((await merged.Content.ReadFromJsonAsync<TopicResponse>())!.Aliases, a => a.Alias == label);

        Assert.Equal(["ukraine"], (await client.GetJsonAsync<ReadoutResponse>($"/api/readouts/{readout.Id}")).Topics.Select(t => t.Slug));
        var moved = await api.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync($"/api/topics/{old.Slug}");
        Assert.Equal(HttpStatusCode.PermanentRedirect, moved.StatusCode);
        Assert.Equal("/api/topics/ukraine", moved.Headers.Location?.OriginalString);
        foreach (var filter in new[] { old.Slug, label, "ukraine" })
        {
            var calls = await client.GetJsonAsync<Page<CallSummary>>($"/api/calls?topic={Uri.EscapeDataString(filter)}&from={readout.CallDate:yyyy-MM-dd}&to={readout.CallDate:yyyy-MM-dd}");
            Assert.True(calls.Items.Any(c => c.Id == readout.CallId && c.Topics.Any(t => t.Slug == "ukraine")), $"?topic={filter} does not find the relabelled call.");
        }

        // A later post with the old label joins the subject.
        Assert.Equal(["ukraine"], (await PostLabelledAsync("en", "…", label)).Topics.Select(t => t.Slug));
    }

    [Fact]
    public async Task Merging_a_topic_into_itself_or_two_countries_is_a_422_and_an_unknown_one_a_404()
    {
        await (await client.PostAsJsonAsync("/api/topics/ukraine/merge", new { topics = new[] { "ukraine" } })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await client.PostAsJsonAsync("/api/topics/ukraine/merge", new { topics = new[] { "russia" } })).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        await (await client.PostAsJsonAsync("/api/topics/ukraine/merge", new { topics = new[] { "no-such-topic" } })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await client.PostAsJsonAsync("/api/topics/no-such-topic/merge", new { topics = new[] { "ukraine" } })).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        await (await client.PostAsJsonAsync("/api/topics/ukraine/merge", new { topics = Array.Empty<string>() })).ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("country", (await client.GetJsonAsync<TopicResponse>("/api/topics/russia")).Kind);
    }

    [Fact]
    public async Task Registry_writes_need_a_key()
    {
        var anonymous = api.CreateClient();

        await (await anonymous.PostAsJsonAsync("/api/topics", new { name = Unique("x"), kind = "theme" })).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.PostAsJsonAsync("/api/topics/ukraine/aliases", new { alias = Unique("x") })).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await anonymous.PostAsJsonAsync("/api/topics/ukraine/merge", new { topics = new[] { "iran" } })).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
    }
}
