using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Readouts.Api.Infrastructure;
using Readouts.Api.Leaders;
using Readouts.Api.Sources;
using Readouts.Api.Tests.Infrastructure;
using Readouts.Api.Topics;

namespace Readouts.Api.Tests.Leaders;

/// <summary>The registries: leaders (loaded by a migration, extended through the API), sources and topics.</summary>
public sealed class RegistryTests(ReadoutsApiFactory api) : IClassFixture<ReadoutsApiFactory>
{
    private readonly HttpClient client = api.CreateWriter();

    [Fact]
    public async Task The_registry_holds_the_leaders_of_the_g20_members_and_ukraine()
    {
        string[] expected =
        [
            "javier-milei", "anthony-albanese", "luiz-inacio-lula-da-silva", "mark-carney", "xi-jinping", "li-qiang",
            "emmanuel-macron", "friedrich-merz", "narendra-modi", "prabowo-subianto", "giorgia-meloni", "sanae-takaichi",
            "claudia-sheinbaum", "vladimir-putin", "mohammed-bin-salman", "cyril-ramaphosa", "lee-jae-myung",
            "recep-tayyip-erdogan", "keir-starmer", "charles-iii", "donald-trump", "antonio-costa", "ursula-von-der-leyen",
            "volodymyr-zelenskyy",
        ];

        foreach (var slug in expected)
        {
            var response = await client.GetAsync($"/api/leaders/{slug}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"The registry has no leader {slug}.");
        }
    }

    [Theory]
    [InlineData("erdo", "recep-tayyip-erdogan")]
    [InlineData("ERDOĞ", "recep-tayyip-erdogan")]
    [InlineData("Путин", "vladimir-putin")]
    [InlineData("zelensk", "volodymyr-zelenskyy")]
    public async Task Leaders_are_found_by_part_of_any_name_in_any_script(string q, string slug)
    {
        var page = await client.GetJsonAsync<Page<LeaderResponse>>($"/api/leaders?q={Uri.EscapeDataString(q)}");

        Assert.Contains(page.Items, l => l.Slug == slug);
    }

    [Fact]
    public async Task A_leader_shows_their_aliases_and_an_unknown_slug_is_404()
    {
        var erdogan = await client.GetJsonAsync<LeaderResponse>("/api/leaders/recep-tayyip-erdogan");
        Assert.Equal("Recep Tayyip Erdoğan", erdogan.Name);
        Assert.Equal("TR", erdogan.Country);
        Assert.Contains("Реджеп Тайип Эрдоган", erdogan.Aliases);
        Assert.DoesNotContain(erdogan.Name, erdogan.Aliases);

        await (await client.GetAsync("/api/leaders/no-such-leader")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Leaders_are_listed_in_pages_by_slug()
    {
        var first = await client.GetJsonAsync<Page<LeaderResponse>>("/api/leaders?limit=5");
        var second = await client.GetJsonAsync<Page<LeaderResponse>>($"/api/leaders?limit=5&cursor={first.NextCursor}");

        Assert.Equal(5, first.Items.Count);
        Assert.Equal(first.Items.Select(l => l.Slug).Order(StringComparer.Ordinal), first.Items.Select(l => l.Slug));
        Assert.True(string.CompareOrdinal(first.Items[^1].Slug, second.Items[0].Slug) < 0, "The second page does not continue after the first.");
    }

    [Fact]
    public async Task A_new_leader_gets_a_slug_from_the_name_and_its_aliases_resolve()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var response = await client.PostAsJsonAsync("/api/leaders", new { name = $"Alexander Stübb {suffix}", country = "fi", aliases = new[] { $"Stubb {suffix}" } });

        await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var leader = (await response.Content.ReadFromJsonAsync<LeaderResponse>())!;
        Assert.Equal($"alexander-stubb-{suffix}", leader.Slug);
        Assert.Equal("FI", leader.Country);
        Assert.EndsWith($"/api/leaders/{leader.Slug}", response.Headers.Location?.ToString(), StringComparison.Ordinal);

        var readout = await client.PostReadoutAsync(TestData.Readout(await client.NewSourceAsync(), TestData.NewDate(), $"STUBB {suffix}", "Zelensky"));
        Assert.Contains(readout.Leaders, l => l.Slug == leader.Slug);
    }

    [Fact]
    public async Task A_new_leader_whose_slug_or_alias_is_taken_is_a_conflict()
    {
        var takenSlug = await client.PostAsJsonAsync("/api/leaders", new { name = "Vladimir Putin", country = "RU" });
        await takenSlug.ShouldBeProblemAsync(HttpStatusCode.Conflict);

        var takenAlias = await client.PostAsJsonAsync("/api/leaders", new { name = $"Someone {Guid.NewGuid():N}", country = "RU", aliases = new[] { "PUTİN" } });
        var problem = await takenAlias.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("vladimir-putin", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Adding_an_alias_is_201_when_new_200_when_known_409_when_anothers_and_404_for_nobody()
    {
        var alias = $"Sultan {Guid.NewGuid():N}"[..20];
        await (await client.PostAsJsonAsync("/api/leaders/recep-tayyip-erdogan/aliases", new { alias })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        await (await client.PostAsJsonAsync("/api/leaders/recep-tayyip-erdogan/aliases", new { alias = alias.ToUpperInvariant() })).ShouldHaveStatusAsync(HttpStatusCode.OK);
        await (await client.PostAsJsonAsync("/api/leaders/vladimir-putin/aliases", new { alias })).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await client.PostAsJsonAsync("/api/leaders/nobody-here/aliases", new { alias = "x" })).ShouldBeProblemAsync(HttpStatusCode.NotFound);

        var readout = await client.PostReadoutAsync(TestData.Readout(await client.NewSourceAsync(), TestData.NewDate(), alias, "Putin"));
        Assert.Contains(readout.Leaders, l => l.Slug == "recep-tayyip-erdogan");
    }

    [Fact]
    public async Task Sources_are_created_listed_read_and_their_slug_is_unique()
    {
        var slug = await client.NewSourceAsync("agency");

        var source = await client.GetJsonAsync<SourceResponse>($"/api/sources/{slug}");
        Assert.Equal($"https://{slug}.example.org", source.Url);
        Assert.Contains((await client.GetJsonAsync<Page<SourceResponse>>("/api/sources?limit=100")).Items, s => s.Slug == "kremlin");

        var again = await client.PostAsJsonAsync("/api/sources", new { slug, name = "Again", country = "TR", url = "https://again.example.org" });
        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await client.GetAsync("/api/sources/no-such-source")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("Not A Slug", "TR", "https://ok.example.org", "slug")]
    [InlineData("ok-slug", "TUR", "https://ok.example.org", "country")]
    [InlineData("ok-slug", "TR", "ftp://ok.example.org", "url")]
    public async Task A_source_with_a_bad_field_is_a_400_naming_it(string slug, string country, string url, string field)
    {
        var response = await client.PostAsJsonAsync("/api/sources", new { slug, name = "Name", country, url });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.NotEmpty(problem.ErrorsFor(field));
    }

    [Fact]
    public async Task Topics_are_created_on_first_use_and_names_that_fold_alike_are_one_topic()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var source = await client.NewSourceAsync();
        var first = await client.PostReadoutAsync(TestData.Readout(source, TestData.NewDate(), "Erdoğan", "Putin") with { Topics = [$"Türkiye–Russia relations {suffix}"] });
        var second = await client.PostReadoutAsync(TestData.Readout(source, TestData.NewDate(), "Erdoğan", "Putin") with { Topics = [$"turkiye russia RELATIONS {suffix}"] });

        Assert.Equal(first.Topics.Single(), second.Topics.Single());
        Assert.Equal($"Türkiye–Russia relations {suffix}", second.Topics.Single().Name);

        var topics = new List<TopicRef>();
        string? cursor = null;
        do
        {
            var page = await client.GetJsonAsync<Page<TopicRef>>("/api/topics?limit=100" + (cursor is null ? "" : $"&cursor={cursor}"));
            topics.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);

        Assert.Single(topics, t => t.Slug == $"turkiye-russia-relations-{suffix}");
    }

    [Theory]
    [InlineData("/api/leaders")]
    [InlineData("/api/sources")]
    [InlineData("/api/topics")]
    [InlineData("/api/calls")]
    [InlineData("/api/readouts")]
    public async Task Every_list_answers_items_and_a_next_cursor_that_leads_to_the_next_page(string path)
    {
        // Two calls, two readouts and two topics, so that every list has more than one item.
        var source = await client.NewSourceAsync();
        var suffix = Guid.NewGuid().ToString("N")[..6];
        await client.PostReadoutAsync(TestData.Readout(source, TestData.NewDate(), "Modi", "Putin") with { Topics = [$"Trade {suffix}", $"Energy {suffix}"] });
        await client.PostReadoutAsync(TestData.Readout(source, TestData.NewDate(), "Modi", "Erdoğan"));

        var first = await client.GetJsonAsync<JsonElement>($"{path}?limit=1");

        Assert.Equal(["items", "nextCursor"], first.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal(1, first.GetProperty("items").GetArrayLength());
        var cursor = first.GetProperty("nextCursor").GetString();
        Assert.False(string.IsNullOrEmpty(cursor), $"{path}?limit=1 gives no nextCursor although there are more items: {first}");
        var second = await client.GetJsonAsync<JsonElement>($"{path}?limit=1&cursor={cursor}");
        Assert.NotEqual(first.GetProperty("items")[0].GetRawText(), second.GetProperty("items")[0].GetRawText());
    }

    [Fact]
    public async Task Paging_through_all_leaders_visits_each_once_in_slug_order()
    {
        var leaders = await client.GetAllPagesAsync<LeaderResponse>("/api/leaders", limit: 7);
        var slugs = leaders.Select(l => l.Slug).ToList();

        Assert.Equal(slugs.Distinct().Count(), slugs.Count);
        Assert.Equal(slugs.Order(StringComparer.Ordinal), slugs);
        Assert.Contains("recep-tayyip-erdogan", slugs);
        Assert.Contains("volodymyr-zelenskyy", slugs);
    }

    [Fact]
    public async Task Paging_through_sources_visits_each_once_in_slug_order()
    {
        var created = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            created.Add(await client.NewSourceAsync("paged"));
        }

        var slugs = (await client.GetAllPagesAsync<SourceResponse>("/api/sources", limit: 2)).Select(s => s.Slug).ToList();

        Assert.Equal(slugs.Distinct().Count(), slugs.Count);
        Assert.Equal(slugs.Order(StringComparer.Ordinal), slugs);
        Assert.All(created.Append("iletisim").Append("kremlin"), slug => Assert.True(slugs.Contains(slug), $"Paging through /api/sources never reaches {slug}."));
    }

    [Fact]
    public async Task Paging_through_topics_visits_each_once_in_slug_order()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        string[] names = [$"Alpha {suffix}", $"Beta {suffix}", $"Gamma {suffix}"];
        await client.PostReadoutAsync(TestData.Readout(await client.NewSourceAsync(), TestData.NewDate(), "Meloni", "Macron") with { Topics = [.. names] });

        var slugs = (await client.GetAllPagesAsync<TopicRef>("/api/topics", limit: 2)).Select(t => t.Slug).ToList();

        Assert.Equal(slugs.Distinct().Count(), slugs.Count);
        Assert.Equal(slugs.Order(StringComparer.Ordinal), slugs);
        Assert.All(names.Select(NameKey.Slug), slug => Assert.True(slugs.Contains(slug), $"Paging through /api/topics never reaches {slug}."));
    }

    [Theory]
    [InlineData("tayyip", "recep-tayyip-erdogan")]
    [InlineData("erdogan", "recep-tayyip-erdogan")]
    [InlineData("ЭРДОГАН", "recep-tayyip-erdogan")]
    [InlineData("PUTİN", "vladimir-putin")]
    [InlineData("Владимир", "vladimir-putin")]
    [InlineData("習近平", "xi-jinping")]
    [InlineData("lula da", "luiz-inacio-lula-da-silva")]
    [InlineData("ANTÓNIO", "antonio-costa")]
    public async Task A_search_is_case_diacritic_and_script_insensitive(string q, string slug)
    {
        var page = await client.GetJsonAsync<Page<LeaderResponse>>($"/api/leaders?q={Uri.EscapeDataString(q)}&limit=100");

        Assert.True(page.Items.Any(l => l.Slug == slug), $"?q={q} does not find {slug}; found {string.Join(", ", page.Items.Select(l => l.Slug))}.");
    }

    [Fact]
    public async Task A_search_returns_only_leaders_with_a_matching_name()
    {
        var page = await client.GetJsonAsync<Page<LeaderResponse>>("/api/leaders?q=erdo&limit=100");

        Assert.NotEmpty(page.Items);
        Assert.All(page.Items, l => Assert.True(
            l.Aliases.Append(l.Name).Any(n => NameKey.Latin(n).Contains("erdo", StringComparison.Ordinal)),
            $"?q=erdo returned {l.Slug}, none of whose names contains it."));
    }

    [Fact]
    public async Task A_search_that_matches_no_name_is_an_empty_page()
    {
        var page = await client.GetJsonAsync<Page<LeaderResponse>>("/api/leaders?q=Qzxwvjkq");

        Assert.Empty(page.Items);
        Assert.Null(page.NextCursor);
    }

    [Fact]
    public async Task Adding_a_leader_without_a_valid_key_is_a_401_and_adds_nobody()
    {
        var name = $"Keyless Person {Guid.NewGuid():N}"[..24];
        using var anonymous = api.CreateClient();
        using var wrongKey = api.CreateClient();
        wrongKey.DefaultRequestHeaders.Add("X-Api-Key", ReadoutsApiFactory.ApiKey + "x");

        await (await anonymous.PostAsJsonAsync("/api/leaders", new { name, country = "FI" })).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        await (await wrongKey.PostAsJsonAsync("/api/leaders", new { name, country = "FI" })).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        await (await client.GetAsync($"/api/leaders/{NameKey.Slug(name)}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_new_leader_whose_name_is_another_leaders_alias_is_a_conflict_and_is_not_stored()
    {
        var response = await client.PostAsJsonAsync("/api/leaders", new { name = "ERDOĞAN", country = "TR" });

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("recep-tayyip-erdogan", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        await (await client.GetAsync("/api/leaders/erdogan")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_new_leader_with_a_taken_alias_is_not_stored_under_any_name()
    {
        var name = $"Alias Thief {Guid.NewGuid():N}"[..22];

        var response = await client.PostAsJsonAsync("/api/leaders", new { name, country = "RU", aliases = new[] { "Путин" } });

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await client.GetAsync($"/api/leaders/{NameKey.Slug(name)}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var problem = await (await client.PostAsJsonAsync("/api/readouts", TestData.Readout(await client.NewSourceAsync(), TestData.NewDate(), name, "Erdoğan")))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotEmpty(problem.ErrorsFor("leaders[0]"));
    }

    [Theory]
    [InlineData("""{"country": "FI"}""", "name")]
    [InlineData("""{"name": "  ", "country": "FI"}""", "name")]
    [InlineData("""{"name": "!!!", "country": "FI"}""", "name")]
    [InlineData("""{"name": "Valid Name"}""", "country")]
    [InlineData("""{"name": "Valid Name", "country": "FIN"}""", "country")]
    [InlineData("""{"name": "Valid Name", "country": "F1"}""", "country")]
    [InlineData("""{"name": "Valid Name", "country": "FI", "aliases": [""]}""", "aliases[0]")]
    [InlineData("""{"name": "Valid Name", "country": "FI", "aliases": ["ok", "..."]}""", "aliases[1]")]
    public async Task A_new_leader_with_a_bad_field_is_a_400_naming_it(string json, string field)
    {
        var response = await client.PostAsync("/api/leaders", new StringContent(json, Encoding.UTF8, "application/json"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.ErrorsFor(field).Count > 0, $"{json} does not name '{field}': {problem}");
        await (await client.GetAsync("/api/leaders/valid-name")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_alias_in_another_script_is_listed_and_resolves_in_readouts_and_queries()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var created = await client.PostAsJsonAsync("/api/leaders", new { name = $"Alar Karis {suffix}", country = "EE" });
        await created.ShouldHaveStatusAsync(HttpStatusCode.Created);
        var slug = (await created.Content.ReadFromJsonAsync<LeaderResponse>())!.Slug;

        var response = await client.PostAsJsonAsync($"/api/leaders/{slug}/aliases", new { alias = $"Алар Карис {suffix}" });

        await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
        Assert.Contains($"Алар Карис {suffix}", (await response.Content.ReadFromJsonAsync<LeaderResponse>())!.Aliases);
        Assert.Contains($"Алар Карис {suffix}", (await client.GetJsonAsync<LeaderResponse>($"/api/leaders/{slug}")).Aliases);
        var readout = await client.PostReadoutAsync(TestData.Readout(await client.NewSourceAsync(), TestData.NewDate(), $"АЛАР КАРИС {suffix}", "Zelensky"));
        Assert.Contains(readout.Leaders, l => l.Slug == slug);
        var calls = await client.GetJsonAsync<Page<Api.Calls.CallSummary>>($"/api/calls?leader={Uri.EscapeDataString($"Алар Карис {suffix}")}");
        Assert.Contains(calls.Items, c => c.Id == readout.CallId);
    }

    [Fact]
    public async Task An_alias_without_text_is_a_400_and_one_without_a_key_is_a_401_and_neither_is_added()
    {
        var alias = $"Keyless Alias {Guid.NewGuid():N}"[..24];
        using var anonymous = api.CreateClient();

        var empty = await client.PostAsJsonAsync("/api/leaders/vladimir-putin/aliases", new { alias = " " });
        Assert.NotEmpty((await empty.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ErrorsFor("alias"));
        await (await anonymous.PostAsJsonAsync("/api/leaders/vladimir-putin/aliases", new { alias })).ShouldBeProblemAsync(HttpStatusCode.Unauthorized);

        var putin = await client.GetJsonAsync<LeaderResponse>("/api/leaders/vladimir-putin");
        Assert.DoesNotContain(alias, putin.Aliases);
        Assert.DoesNotContain(" ", putin.Aliases);
    }

    [Fact]
    public async Task A_new_source_answers_201_with_its_location_and_an_upper_case_country()
    {
        var slug = $"new-source-{Guid.NewGuid():N}"[..24];

        var response = await client.PostAsJsonAsync("/api/sources", new { slug, name = "  Office of the President  ", country = "ee", url = "https://www.president.ee" });

        await response.ShouldHaveStatusAsync(HttpStatusCode.Created);
        Assert.EndsWith($"/api/sources/{slug}", response.Headers.Location?.ToString(), StringComparison.Ordinal);
        var created = (await response.Content.ReadFromJsonAsync<SourceResponse>())!;
        Assert.Equal(new SourceResponse(slug, "Office of the President", "EE", "https://www.president.ee"), created);
        Assert.Equal(created, await client.GetJsonAsync<SourceResponse>($"/api/sources/{slug}"));
    }

    [Theory]
    [InlineData("slug", "Upper-Case")]
    [InlineData("slug", "two--hyphens")]
    [InlineData("slug", "-leading")]
    [InlineData("slug", "with space")]
    [InlineData("slug", "")]
    [InlineData("name", "")]
    [InlineData("country", "")]
    [InlineData("country", "T1")]
    [InlineData("url", "javascript:alert(1)")]
    [InlineData("url", "/relative/path")]
    [InlineData("url", "www.example.org")]
    public async Task A_source_with_a_bad_field_is_a_400_naming_it_and_is_not_stored(string field, string value)
    {
        var slug = $"bad-source-{Guid.NewGuid():N}"[..24];
        var body = new Dictionary<string, string> { ["slug"] = slug, ["name"] = "Name", ["country"] = "TR", ["url"] = "https://ok.example.org" };
        body[field] = value;

        var response = await client.PostAsJsonAsync("/api/sources", body);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.ErrorsFor(field).Count > 0, $"{field} = '{value}' is not named: {problem}");
        if (field != "slug")
        {
            await (await client.GetAsync($"/api/sources/{slug}")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        }
    }

    [Fact]
    public async Task Two_spellings_of_a_topic_in_one_readout_are_one_topic()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];

        var readout = await client.PostReadoutAsync(TestData.Readout(await client.NewSourceAsync(), TestData.NewDate(), "Lula", "Modi") with
        {
            Topics = [$"Energy Security {suffix}", $"energy  SECURITY! {suffix}"],
        });

        var topic = Assert.Single(readout.Topics);
        Assert.Equal($"energy-security-{suffix}", topic.Slug);
    }

    [Fact]
    public async Task A_topic_whose_transaction_rolled_back_is_created_again_rather_than_remembered()
    {
        var label = $"Rolled back {Guid.NewGuid():N}";
        var slug = NameKey.Slug(label);
        await using (var scope = api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReadoutsDbContext>();
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync();
                await scope.ServiceProvider.GetRequiredService<TopicService>().EnsureOthersAsync([label], CancellationToken.None);
                await transaction.RollbackAsync();
            });
        }

        await using (var scope = api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ReadoutsDbContext>();
            var topics = scope.ServiceProvider.GetRequiredService<TopicService>();
            var id = (await topics.EnsureOthersAsync([label], CancellationToken.None))[label];
            Assert.True(await db.Topics.AnyAsync(t => t.Id == id && t.Slug == slug), $"EnsureOthersAsync gave topic id {id} for '{slug}', which is not stored: the id of the rolled-back insert was kept.");

            // Once read as stored, the topic is known without a query, with the same id.
            Assert.Equal(id, (await topics.EnsureOthersAsync([label], CancellationToken.None))[label]);
            var index = await scope.ServiceProvider.GetRequiredService<Subjects>().GetAsync(CancellationToken.None);
            Assert.Equal(id, index.Learned[NameKey.Fold(label)]);
        }
    }
}
