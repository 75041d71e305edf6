using System.Net;
using System.Net.Http.Json;
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
}
