using Readouts.Api.Calls;
using Readouts.Api.Infrastructure;
using Readouts.Api.Readouts;
using Readouts.Api.Tests.Infrastructure;

namespace Readouts.Api.Tests.Calls;

/// <summary>
/// GET /api/calls?q=: titles, bodies and statements, stemmed in each readout's language. Every
/// readout here has a date of its own and every search is limited to that date.
/// </summary>
public sealed class FullTextSearchTests(ReadoutsApiFactory api) : IClassFixture<ReadoutsApiFactory>
{
    private readonly HttpClient client = api.CreateWriter();

    private async Task<(long CallId, DateOnly Date)> PostAsync(string language, string body, params StatementRequest[] statements)
    {
        var date = TestData.NewDate();
        var request = TestData.Readout(await client.NewSourceAsync(), date, "Erdoğan", "Putin") with
        {
            Language = language,
            Title = "Telefon",
            Body = body,
            Statements = [.. statements],
        };
        return ((await client.PostReadoutAsync(request)).CallId, date);
    }

    private async Task<IReadOnlyList<long>> SearchAsync(string q, DateOnly date) =>
        (await client.GetJsonAsync<Page<CallSummary>>($"/api/calls?q={Uri.EscapeDataString(q)}&from={date:yyyy-MM-dd}&to={date:yyyy-MM-dd}&limit=100"))
            .Items.Select(c => c.Id).ToList();

    // Each pair was checked on PostgreSQL: to_tsvector(language, body) @@ websearch_to_tsquery(language, query)
    // holds, and no other configuration (nor 'simple') matches the body's words with the query, so
    // only the readout's own stemmer can make these matches. (Turkish "müzakere" would not do:
    // the Turkish stemmer gives 'müzaker' for it but 'müzakere' for "müzakereler".)
    [Theory]
    [InlineData("tr", "Liderler, İstanbul'daki müzakereler için bir platform sunulmasını ele aldı.", "müzakerelerde")]
    [InlineData("tr", "Liderler ikili ilişkiler ve bölgesel görüşmeler hakkında konuştu.", "görüşmeleri")]
    [InlineData("ru", "Переговоры в Стамбуле прошли в конструктивной атмосфере.", "переговорах")]
    [InlineData("en", "The leaders reviewed the negotiations on a ceasefire.", "negotiating")]
    [InlineData("en", "The leaders reviewed the negotiations on a ceasefire.", "negotiation")]
    [InlineData("de", "Die Verhandlungen über einen Waffenstillstand wurden fortgesetzt.", "Verhandlung")]
    [InlineData("fr", "Les négociations sur un cessez-le-feu ont été évoquées.", "négociation")]
    public async Task A_search_finds_another_inflection_of_a_word_in_the_readouts_language(string language, string body, string query)
    {
        var (callId, date) = await PostAsync(language, body);

        Assert.True((await SearchAsync(query, date)).Contains(callId), $"q={query} did not find the {language} readout \"{body}\".");
    }

    [Theory]
    [InlineData("Liderler, İstanbul'daki müzakereler için bir platform sunulmasını ele aldı.", "müzakereler", "müzakerelerde")]
    [InlineData("Переговоры в Стамбуле прошли в конструктивной атмосфере.", "переговоры", "переговорах")]
    [InlineData("The leaders reviewed the negotiations on a ceasefire.", "negotiations", "negotiating")]
    [InlineData("Die Verhandlungen über einen Waffenstillstand wurden fortgesetzt.", "Verhandlungen", "Verhandlung")]
    [InlineData("Les négociations sur un cessez-le-feu ont été évoquées.", "négociations", "négociation")]
    public async Task The_same_text_in_a_language_without_a_stemmer_is_found_only_by_its_own_words(string body, string word, string inflection)
    {
        // Swahili has no PostgreSQL configuration: the text is indexed as plain lower-cased words.
        var (callId, date) = await PostAsync("sw", body);

        Assert.True((await SearchAsync(word, date)).Contains(callId), $"q={word} did not find the unstemmed readout \"{body}\".");
        Assert.False((await SearchAsync(inflection, date)).Contains(callId), $"q={inflection} found the unstemmed readout \"{body}\": it was stemmed as if in another language.");
    }

    [Fact]
    public async Task A_word_in_a_language_without_a_configuration_is_matched_as_a_plain_word()
    {
        var (callId, date) = await PostAsync("sw", "Viongozi walizungumza kuhusu amani na biashara.");

        Assert.Equal([callId], await SearchAsync("amani", date));
        Assert.Equal([callId], await SearchAsync("BIASHARA", date));
        Assert.Empty(await SearchAsync("vita", date));
    }

    [Fact]
    public async Task A_word_only_in_a_statement_is_found()
    {
        var word = $"zx{Guid.NewGuid():N}"[..12];
        var (callId, date) = await PostAsync("en", "The leaders spoke.", new StatementRequest { Speaker = "Putin", Text = $"We discussed {word} at length." });

        Assert.Equal([callId], await SearchAsync(word, date));
    }

    [Fact]
    public async Task A_statement_is_stemmed_in_its_readouts_language()
    {
        var (callId, date) = await PostAsync("ru", "Состоялся телефонный разговор.", new StatementRequest { Speaker = "Путин", Text = "Переговоры в Стамбуле должны продолжиться." });

        Assert.Equal([callId], await SearchAsync("переговорах", date));
    }

    [Fact]
    public async Task A_word_only_in_the_title_is_found()
    {
        var word = $"qv{Guid.NewGuid():N}"[..12];
        var date = TestData.NewDate();
        var callId = (await client.PostReadoutAsync(TestData.Readout(await client.NewSourceAsync(), date, "Erdoğan", "Putin") with { Title = $"Call about {word}" })).CallId;

        Assert.Equal([callId], await SearchAsync(word, date));
    }

    [Fact]
    public async Task A_word_that_appears_nowhere_finds_nothing()
    {
        var (callId, date) = await PostAsync("en", "The leaders discussed the grain corridor.", new StatementRequest { Speaker = "Erdoğan", Text = "The corridor must stay open." });

        Assert.Equal([callId], await SearchAsync("corridor", date));
        Assert.Empty(await SearchAsync($"absent{Guid.NewGuid():N}"[..16], date));
    }

    [Fact]
    public async Task A_phrase_matches_only_its_words_in_order_and_every_word_must_be_present()
    {
        var marker = $"mk{Guid.NewGuid():N}"[..10];
        var (callId, date) = await PostAsync("en", $"{marker} grain corridor reopened");

        Assert.Equal([callId], await SearchAsync($"\"{marker} grain corridor\"", date));
        Assert.Empty(await SearchAsync($"\"corridor {marker}\"", date));
        Assert.Empty(await SearchAsync($"{marker} nonexistentwordxyz", date));
    }
}
