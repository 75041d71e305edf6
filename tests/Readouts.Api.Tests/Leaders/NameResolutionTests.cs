using System.Net;
using System.Net.Http.Json;
using Readouts.Api.Infrastructure;
using Readouts.Api.Leaders;
using Readouts.Api.Tests.Infrastructure;

namespace Readouts.Api.Tests.Leaders;

/// <summary>Leader references in readouts and queries: any spelling, any script, never invented.</summary>
public sealed class NameResolutionTests(ReadoutsApiFactory api) : IClassFixture<ReadoutsApiFactory>
{
    private readonly HttpClient client = api.CreateWriter();

    [Theory]
    [InlineData("ERDOGAN")]
    [InlineData("erdoğan")]
    [InlineData("Recep  Tayyip   Erdoğan!")]
    [InlineData("Реджеп Тайип Эрдоган")]
    [InlineData("recep-tayyip-erdogan")]
    [InlineData("Эрдоган")]
    public async Task Any_spelling_of_a_leader_resolves_to_the_same_leader(string spelling)
    {
        var readout = await client.PostReadoutAsync(TestData.Readout(await client.NewSourceAsync(), TestData.NewDate(), spelling, "Путин"));

        Assert.Equal(["recep-tayyip-erdogan", "vladimir-putin"], readout.Leaders.Select(l => l.Slug));
    }

    [Fact]
    public async Task A_name_in_chinese_characters_resolves()
    {
        var readout = await client.PostReadoutAsync(TestData.Readout(await client.NewSourceAsync(), TestData.NewDate(), "习近平", "Lula"));

        Assert.Contains(readout.Leaders, l => l.Slug == "xi-jinping");
    }

    [Fact]
    public async Task An_unknown_leader_is_a_422_naming_it_and_the_closest_known_leaders_and_is_not_created()
    {
        var response = await client.PostAsJsonAsync("/api/readouts", TestData.Readout(await client.NewSourceAsync(), TestData.NewDate(), "Putin", "Erdgan"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        var message = Assert.Single(problem.ErrorsFor("leaders[1]"));
        Assert.Contains("'Erdgan'", message, StringComparison.Ordinal);
        Assert.Contains("recep-tayyip-erdogan", message, StringComparison.Ordinal);
        Assert.Empty(problem.ErrorsFor("leaders[0]"));
        (await client.GetAsync("/api/leaders/erdgan")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_reference_that_transliterates_to_two_leaders_is_a_422_listing_both()
    {
        // Different folded names, one Latin transliteration: "Йонас Кастен" and "Jonas Kasten" differ
        // as text, and a third spelling in Greek transliterates to the same letters as both.
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var cyrillicName = $"Йонас Кастен {suffix}";
        var latinName = $"Ionas Kasten {suffix}";
        Assert.Equal(Api.Infrastructure.NameKey.Latin(cyrillicName), Api.Infrastructure.NameKey.Latin(latinName));

        (await client.PostAsJsonAsync("/api/leaders", new { name = latinName, country = "LT" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await client.PostAsJsonAsync("/api/leaders", new { name = $"Other Person {suffix}", country = "BY", aliases = new[] { cyrillicName } })).StatusCode.ShouldBe(HttpStatusCode.Created);

        var response = await client.GetAsync($"/api/calls?leader={Uri.EscapeDataString($"IONAS-KASTEN {suffix}".Replace("-", "", StringComparison.Ordinal))}");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        var message = Assert.Single(problem.ErrorsFor("leader"));
        Assert.Contains("more than one leader", message, StringComparison.Ordinal);
        Assert.Contains($"ionas-kasten-{suffix}", message, StringComparison.Ordinal);
        Assert.Contains($"other-person-{suffix}", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_speaker_who_is_not_one_of_the_readouts_leaders_is_a_422()
    {
        var request = TestData.Readout(await client.NewSourceAsync(), TestData.NewDate(), "Putin", "Erdoğan") with
        {
            Statements = [new() { Speaker = "Putin", Text = "Fine." }, new() { Speaker = "Macron", Text = "Not on this call." }],
        };

        var response = await client.PostAsJsonAsync("/api/readouts", request);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("emmanuel-macron", Assert.Single(problem.ErrorsFor("statements[1].speaker")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_spellings_of_one_leader_are_not_two_leaders()
    {
        var response = await client.PostAsJsonAsync("/api/readouts", TestData.Readout(await client.NewSourceAsync(), TestData.NewDate(), "Putin", "Путин"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.NotEmpty(problem.ErrorsFor("leaders"));
    }

    [Fact]
    public async Task An_unknown_leader_in_a_query_is_a_422()
    {
        var response = await client.GetAsync("/api/calls?leader=Nobody%20Whatsoever");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("Nobody Whatsoever", Assert.Single(problem.ErrorsFor("leader")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ВладимирПутин", "vladimir-putin")]
    [InlineData("XIJINPING", "xi-jinping")]
    [InlineData("习 近 平", "xi-jinping")]
    [InlineData("Албо", "anthony-albanese")]
    public async Task A_spelling_that_is_no_alias_resolves_through_its_latin_transliteration(string spelling, string slug)
    {
        // The spelling must really reach the transliteration tier: no name of the leader folds to it.
        var leader = await client.GetJsonAsync<Api.Leaders.LeaderResponse>($"/api/leaders/{slug}");
        Assert.DoesNotContain(NameKey.Fold(spelling), leader.Aliases.Append(leader.Name).Select(NameKey.Fold));

        var readout = await client.PostReadoutAsync(TestData.Readout(await client.NewSourceAsync(), TestData.NewDate(), spelling, "Erdoğan"));

        Assert.Equal(new[] { slug, "recep-tayyip-erdogan" }.Order(StringComparer.Ordinal), readout.Leaders.Select(l => l.Slug).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_name_spelled_with_a_turkish_capital_dotted_i_resolves()
    {
        var readout = await client.PostReadoutAsync(TestData.Readout(await client.NewSourceAsync(), TestData.NewDate(), "RECEP TAYYİP ERDOĞAN", "PUTİN"));

        Assert.Equal(["recep-tayyip-erdogan", "vladimir-putin"], readout.Leaders.Select(l => l.Slug));
    }

    [Fact]
    public async Task All_spellings_of_one_pair_land_in_one_call()
    {
        var date = TestData.NewDate();
        string[][] pairs = [["ERDOGAN", "Putin"], ["Путин", "erdoğan"], ["Recep  Tayyip   Erdoğan!", "vladimir-putin"], ["Реджеп Тайип Эрдоган", "Владимир Путин"], ["recep-tayyip-erdogan", "PUTIN"]];

        var calls = new List<long>();
        foreach (var pair in pairs)
        {
            calls.Add((await client.PostReadoutAsync(TestData.Readout(await client.NewSourceAsync(), date, pair))).CallId);
        }

        Assert.True(calls.Distinct().Count() == 1, $"Spellings of Erdoğan and Putin on one date ended in calls {string.Join(", ", calls)}.");
    }

    [Fact]
    public async Task A_readout_naming_an_ambiguous_leader_is_a_422_listing_the_candidates_and_stores_nothing()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var latinName = $"Ionas Kasten {suffix}";
        var cyrillicAlias = $"Йонас Кастен {suffix}";
        var thirdSpelling = $"IonasKasten {suffix}";
        Assert.Equal(NameKey.Latin(latinName), NameKey.Latin(thirdSpelling));
        Assert.NotEqual(NameKey.Fold(latinName), NameKey.Fold(thirdSpelling));
        Assert.NotEqual(NameKey.Fold(cyrillicAlias), NameKey.Fold(thirdSpelling));

        await (await client.PostAsJsonAsync("/api/leaders", new { name = latinName, country = "LT" })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        await (await client.PostAsJsonAsync("/api/leaders", new { name = $"Another Kasten {suffix}", country = "BY", aliases = new[] { cyrillicAlias } })).ShouldHaveStatusAsync(HttpStatusCode.Created);
        var source = await client.NewSourceAsync();

        var response = await client.PostAsJsonAsync("/api/readouts", TestData.Readout(source, TestData.NewDate(), "Putin", thirdSpelling));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        var message = Assert.Single(problem.ErrorsFor("leaders[1]"));
        Assert.Contains($"'{thirdSpelling}'", message, StringComparison.Ordinal);
        Assert.Contains($"ionas-kasten-{suffix}", message, StringComparison.Ordinal);
        Assert.Contains($"another-kasten-{suffix}", message, StringComparison.Ordinal);
        await client.ShouldHaveNoReadoutsAsync(source);

        // Each name on its own still resolves, and a slug settles the ambiguity.
        var bySlug = await client.PostReadoutAsync(TestData.Readout(source, TestData.NewDate(), "Putin", $"ionas-kasten-{suffix}"));
        Assert.Contains(bySlug.Leaders, l => l.Slug == $"ionas-kasten-{suffix}");
        var byAlias = await client.PostReadoutAsync(TestData.Readout(source, TestData.NewDate(), "Putin", cyrillicAlias));
        Assert.Contains(byAlias.Leaders, l => l.Slug == $"another-kasten-{suffix}");
    }

    [Fact]
    public async Task Every_unknown_reference_in_a_readout_is_reported_at_once_and_nothing_is_stored()
    {
        var source = await client.NewSourceAsync();
        var request = TestData.Readout(source, TestData.NewDate(), "Erdgan", "Putin", "Zelenskky") with
        {
            Statements = [new() { Speaker = "Putn", Text = "Something." }],
        };

        var problem = await (await client.PostAsJsonAsync("/api/readouts", request)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("recep-tayyip-erdogan", Assert.Single(problem.ErrorsFor("leaders[0]")), StringComparison.Ordinal);
        Assert.Empty(problem.ErrorsFor("leaders[1]"));
        Assert.Contains("volodymyr-zelenskyy", Assert.Single(problem.ErrorsFor("leaders[2]")), StringComparison.Ordinal);
        Assert.Contains("vladimir-putin", Assert.Single(problem.ErrorsFor("statements[0].speaker")), StringComparison.Ordinal);
        await client.ShouldHaveNoReadoutsAsync(source);
    }

    [Fact]
    public async Task An_unknown_leader_with_no_close_name_is_a_422_saying_so_and_is_not_created()
    {
        var problem = await (await client.PostAsJsonAsync("/api/readouts", TestData.Readout(await client.NewSourceAsync(), TestData.NewDate(), "Putin", "Qzxwv Jkqxz")))
            .ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);

        var message = Assert.Single(problem.ErrorsFor("leaders[1]"));
        Assert.Contains("'Qzxwv Jkqxz' matches no known leader", message, StringComparison.Ordinal);
        Assert.Contains("POST /api/leaders", message, StringComparison.Ordinal);
        Assert.Empty((await client.GetJsonAsync<Page<LeaderResponse>>("/api/leaders?q=Qzxwv")).Items);
        await (await client.GetAsync("/api/leaders/qzxwv-jkqxz")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_speaker_spelled_differently_from_the_leaders_list_is_that_leader()
    {
        var request = TestData.Readout(await client.NewSourceAsync(), TestData.NewDate(), "Erdoğan", "Vladimir Putin") with
        {
            Statements = [new() { Speaker = "Эрдоган", Text = "Peace." }, new() { Speaker = "PUTIN", Text = "Security." }, new() { Speaker = null, Text = "Together." }],
        };

        var readout = await client.PostReadoutAsync(request);

        Assert.Equal(new string?[] { "recep-tayyip-erdogan", "vladimir-putin", null }, readout.Statements.Select(s => s.Speaker?.Slug));
    }

    [Fact]
    public async Task A_readout_naming_one_leader_by_slug_and_by_alias_names_fewer_than_two_and_stores_nothing()
    {
        var source = await client.NewSourceAsync();

        var response = await client.PostAsJsonAsync("/api/readouts", TestData.Readout(source, TestData.NewDate(), "recep-tayyip-erdogan", "ERDOĞAN", "Эрдоган"));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        Assert.Contains("fewer than two", Assert.Single(problem.ErrorsFor("leaders")), StringComparison.Ordinal);
        await client.ShouldHaveNoReadoutsAsync(source);
    }

    [Theory]
    [InlineData("/api/calls?leader=Unknownname", "leader")]
    [InlineData("/api/calls?leader=Putin&leader=Unknownname", "leader[1]")]
    [InlineData("/api/readouts?leader=Unknownname", "leader")]
    [InlineData("/api/leaders/vladimir-putin/calls?leader=Unknownname", "leader")]
    public async Task An_unknown_leader_in_any_query_filter_is_a_422_naming_it(string url, string field)
    {
        var problem = await (await client.GetAsync(url)).ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);

        Assert.Contains("'Unknownname'", Assert.Single(problem.ErrorsFor(field)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_filter_resolves_any_spelling_of_a_leader()
    {
        var date = TestData.NewDate();
        var readout = await client.PostReadoutAsync(TestData.Readout(await client.NewSourceAsync(), date, "Erdoğan", "Putin"));

        foreach (var spelling in new[] { "ERDOGAN", "Эрдоган", "recep-tayyip-erdogan", "Реджеп Тайип Эрдоган" })
        {
            var page = await client.GetJsonAsync<Page<Api.Calls.CallSummary>>($"/api/calls?leader={Uri.EscapeDataString(spelling)}&from={date:yyyy-MM-dd}&to={date:yyyy-MM-dd}");
            Assert.True(page.Items.Any(c => c.Id == readout.CallId), $"?leader={spelling} does not find call {readout.CallId}.");
        }
    }
}


internal static class StatusAssertions
{
    public static void ShouldBe(this HttpStatusCode actual, HttpStatusCode expected) => Assert.Equal(expected, actual);
}
