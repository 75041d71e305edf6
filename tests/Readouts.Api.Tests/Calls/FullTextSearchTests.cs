using Readouts.Api.Calls;
using Readouts.Api.Infrastructure;
using Readouts.Api.Readouts;
using Readouts.Api.Tests.Infrastructure;

namespace Readouts.Api.Tests.Calls;

/// <summary>GET /api/calls?q=: titles, bodies and statements, stemmed in each readout's language.</summary>
public sealed class FullTextSearchTests(ReadoutsApiFactory api) : IClassFixture<ReadoutsApiFactory>
{
    private readonly HttpClient client = api.CreateWriter();

    private async Task<long> PostAsync(string language, string body, params StatementRequest[] statements)
    {
        var date = TestData.NewDate();
        var request = TestData.Readout(await client.NewSourceAsync(), date, "Erdoğan", "Putin") with
        {
            Language = language,
            Title = "Telefon",
            Body = body,
            Statements = [.. statements],
        };
        return (await client.PostReadoutAsync(request)).CallId;
    }

    private async Task<IReadOnlyList<long>> SearchAsync(string q) =>
        (await client.GetJsonAsync<Page<CallSummary>>($"/api/calls?q={Uri.EscapeDataString(q)}&limit=100")).Items.Select(c => c.Id).ToList();

    [Theory]
    [InlineData("tr", "Liderler ikili ilişkiler ve bölgesel görüşmeler hakkında konuştu.", "görüşmeleri")]
    [InlineData("ru", "Переговоры прошли в конструктивной атмосфере.", "переговорах")]
    [InlineData("en", "The leaders reviewed the negotiations on a ceasefire.", "negotiating")]
    [InlineData("de", "Die Verhandlungen über einen Waffenstillstand wurden besprochen.", "Verhandlung")]
    [InlineData("fr", "Les négociations sur un cessez-le-feu ont été évoquées.", "négociation")]
    public async Task A_search_finds_another_inflection_of_a_word_in_the_readouts_language(string language, string body, string query)
    {
        var callId = await PostAsync(language, body);

        Assert.True((await SearchAsync(query)).Contains(callId), $"q={query} did not find the {language} readout \"{body}\".");
    }

    [Fact]
    public async Task A_word_only_in_a_statement_is_found()
    {
        var word = $"zx{Guid.NewGuid():N}"[..12];
        var callId = await PostAsync("en", "The leaders spoke.", new StatementRequest { Speaker = "Putin", Text = $"We discussed {word} at length." });

        Assert.Equal([callId], await SearchAsync(word));
    }

    [Fact]
    public async Task A_word_only_in_the_title_is_found()
    {
        var word = $"qv{Guid.NewGuid():N}"[..12];
        var date = TestData.NewDate();
        var callId = (await client.PostReadoutAsync(TestData.Readout(await client.NewSourceAsync(), date, "Erdoğan", "Putin") with { Title = $"Call about {word}" })).CallId;

        Assert.Equal([callId], await SearchAsync(word));
    }

    [Fact]
    public async Task A_language_without_a_stemmer_is_matched_as_plain_words()
    {
        var callId = await PostAsync("sw", "Viongozi walizungumza kuhusu amani na biashara.");

        Assert.Contains(callId, await SearchAsync("amani"));
    }

    [Fact]
    public async Task A_phrase_matches_only_its_words_in_order_and_absent_words_find_nothing()
    {
        var marker = $"mk{Guid.NewGuid():N}"[..10];
        var callId = await PostAsync("en", $"{marker} grain corridor reopened");

        Assert.Equal([callId], await SearchAsync($"\"{marker} grain corridor\""));
        Assert.Empty(await SearchAsync($"\"corridor {marker}\""));
        Assert.Empty(await SearchAsync($"{marker} nonexistentwordxyz"));
    }
}
