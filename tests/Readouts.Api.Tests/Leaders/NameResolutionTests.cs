using System.Net;
using System.Net.Http.Json;
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
}

internal static class StatusAssertions
{
    public static void ShouldBe(this HttpStatusCode actual, HttpStatusCode expected) => Assert.Equal(expected, actual);
}
