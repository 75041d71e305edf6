using System.Net;
using Readouts.Api.Calls;
using Readouts.Api.Infrastructure;
using Readouts.Api.Leaders;
using Readouts.Api.Readouts;
using Readouts.Api.Tests.Infrastructure;

namespace Readouts.Api.Tests.Topics;

/// <summary>
/// Subjects recognised across languages, on real PostgreSQL and its stemmers: in labels, in texts
/// as each side writes them, and in the comparison of a call's accounts.
/// </summary>
public sealed class SubjectsAcrossLanguagesTests(ReadoutsApiFactory api) : IClassFixture<ReadoutsApiFactory>
{
    private readonly HttpClient client = api.CreateWriter();

    /// <summary>A readout in a language of its own, with its own labels (none: no labels at all).</summary>
    private async Task<ReadoutResponse> PostAsync(string source, DateOnly date, string language, string body, string[] labels, string[] leaders, params StatementRequest[] statements) =>
        await client.PostReadoutAsync(TestData.Readout(source, date, leaders) with
        {
            Language = language,
            Title = $"Telephone conversation {Guid.NewGuid():N}",
            Body = body,
            Topics = [.. labels],
            Statements = [.. statements],
        });

    private static IEnumerable<string> Slugs(IEnumerable<Api.Topics.TopicRef> topics) => topics.Select(t => t.Slug).Order(StringComparer.Ordinal);

    [Fact]
    public async Task The_seed_call_told_in_turkish_and_in_russian_shares_ukraine_with_what_each_side_said_about_it()
    {
        var presidency = await client.PostReadoutAsync(TestData.Sample("iletisim"));
        var kremlin = await client.PostReadoutAsync(TestData.Sample("kremlin"));
        Assert.Equal(presidency.CallId, kremlin.CallId);

        var comparison = await client.GetJsonAsync<CallComparison>($"/api/calls/{presidency.CallId}/comparison");

        Assert.Equal(["ukraine"], comparison.SharedTopics.Select(t => t.Slug));
        var ukraine = comparison.Topics[0];
        Assert.Equal("ukraine", ukraine.Topic.Slug);
        Assert.Equal("country", ukraine.Topic.Kind);
        Assert.Contains("Ukrayna", ukraine.Sources["iletisim"].Mentions);
        Assert.Contains("Украины", ukraine.Sources["kremlin"].Mentions);
        Assert.True(ukraine.Sources["kremlin"].Given, "The Kremlin labels the call «Украина».");
        Assert.False(ukraine.Sources["iletisim"].Given, "The Presidency's labels name the war, not Ukraine.");
        Assert.Equal(["recep-tayyip-erdogan"], ukraine.Sources["iletisim"].Statements.Select(s => s.Speaker!.Slug));
        Assert.Contains(ukraine.Sources["kremlin"].Statements, s => s.Speaker?.Slug == "vladimir-putin" && s.Text.Contains("Украины", StringComparison.Ordinal));
        Assert.Contains(ukraine.Sources["kremlin"].Statements, s => s.Speaker is null);
        Assert.All(ukraine.Sources.Values.SelectMany(s => s.Statements), s => Assert.True(
            s.Text.Contains("Ukrayna", StringComparison.Ordinal) || s.Text.Contains("Украин", StringComparison.Ordinal),
            $"A statement attributed to Ukraine names no form of it: {s.Text}"));

        foreach (var topic in new[] { "Ukrayna", "Украина", "ukraine", "乌克兰", "Украине" })
        {
            var calls = await client.GetJsonAsync<Page<CallSummary>>($"/api/calls?topic={Uri.EscapeDataString(topic)}&from=2025-11-24&to=2025-11-24");
            Assert.True(calls.Items.Any(c => c.Id == presidency.CallId), $"?topic={topic} does not find the seed call.");
        }
    }

    [Fact]
    public async Task A_call_labelled_in_chinese_and_in_english_shares_its_subjects()
    {
        var date = TestData.NewDate();
        var chinese = await PostAsync(await client.NewSourceAsync("xinhua"), date, "zh", "习近平同特朗普通电话，双方就乌克兰局势和能源合作交换意见。", ["乌克兰", "能源"], ["习近平", "特朗普"]);
        var english = await PostAsync(await client.NewSourceAsync("whitehouse"), date, "en", "The presidents discussed Ukraine and energy.", ["Ukraine", "Energy"], ["Trump", "Xi Jinping"]);
        Assert.Equal(chinese.CallId, english.CallId);

        var comparison = await client.GetJsonAsync<CallComparison>($"/api/calls/{chinese.CallId}/comparison");

        Assert.Equal(["energy", "ukraine"], Slugs(comparison.SharedTopics));
        Assert.Equal(["energy", "ukraine"], Slugs(chinese.Topics));
        Assert.Contains(chinese.MentionedTopics, m => m.Slug == "ukraine" && m.Words.SequenceEqual(["乌克兰"]));
    }

    [Fact]
    public async Task A_call_with_no_labels_at_all_shares_the_subjects_both_texts_name_in_their_own_languages()
    {
        var date = TestData.NewDate();
        var french = await PostAsync(await client.NewSourceAsync("elysee"), date, "fr",
            "Les présidents ont évoqué la situation de l'Ukraine et les sanctions, ainsi que la paix au Moyen-Orient.", [], ["Macron", "Merz"]);
        var german = await PostAsync(await client.NewSourceAsync("bundesregierung"), date, "de",
            "Die Regierungschefs sprachen über die Lage in der Ukraine, über Sanktionen und über den Nahen Osten.", [], ["Merz", "Macron"]);

        var comparison = await client.GetJsonAsync<CallComparison>($"/api/calls/{french.CallId}/comparison");

        Assert.Equal(french.CallId, german.CallId);
        Assert.Empty(french.Topics);
        Assert.Equal(["middle-east", "sanctions", "ukraine"], Slugs(comparison.SharedTopics));
        Assert.All(comparison.Topics, t => Assert.All(t.Sources.Values, s => Assert.False(s.Given)));
        var middleEast = comparison.Topics.Single(t => t.Topic.Slug == "middle-east");
        Assert.Equal(["Moyen-Orient"], middleEast.Sources[french.Source].Mentions);
        Assert.Equal(["Nahen Osten"], middleEast.Sources[german.Source].Mentions);
    }

    [Theory]
    [InlineData("tr", "Ukrayna'daki durum ve Orta Doğu'daki gelişmeler ele alındı.", "ukraine", "Ukrayna'daki")]
    [InlineData("tr", "Ukrayna'daki durum ve Orta Doğu'daki gelişmeler ele alındı.", "middle-east", "Orta Doğu'daki")]
    [InlineData("ru", "Обсудили ситуацию вокруг Украины и на Ближнем Востоке.", "ukraine", "Украины")]
    [InlineData("ru", "Обсудили ситуацию вокруг Украины и на Ближнем Востоке.", "middle-east", "Ближнем Востоке")]
    [InlineData("de", "Österreichs Haltung zu den Sanktionen wurde besprochen.", "austria", "Österreichs")]
    [InlineData("fr", "La sanction annoncée contre l'Ukraine a été évoquée.", "sanctions", "sanction")]
    [InlineData("es", "Se habló de la sanción y de la ayuda humanitaria.", "sanctions", "sanción")]
    [InlineData("es", "Se habló de las ayudas humanitarias.", "humanitarian-aid", "ayudas humanitarias")]
    [InlineData("pt", "Discutiram a situação da Ucrânia e as negociação de paz.", "ukraine", "Ucrânia")]
    [InlineData("pt", "Discutiram as negociação de paz e as energias renováveis.", "peace-talks", "negociação de paz")]
    [InlineData("zh", "双方就乌克兰局势交换了意见。", "ukraine", "乌克兰")]
    [InlineData("zh", "双方谈到印度尼西亚。", "indonesia", "印度尼西亚")]
    public async Task A_subject_is_found_in_the_inflections_of_the_texts_language(string language, string body, string subject, string words)
    {
        var readout = await PostAsync(await client.NewSourceAsync(), TestData.NewDate(), language, body, [], ["Lula", "Modi"]);

        var mention = readout.MentionedTopics.SingleOrDefault(m => m.Slug == subject);
        Assert.True(mention is not null, $"{language}: «{body}» does not mention {subject}; found {string.Join(", ", readout.MentionedTopics.Select(m => $"{m.Slug} ({string.Join("/", m.Words)})"))}.");
        Assert.Equal([words], mention.Words);
    }

    [Fact]
    public async Task In_chinese_a_name_inside_a_longer_one_is_not_a_mention_of_its_own()
    {
        var readout = await PostAsync(await client.NewSourceAsync(), TestData.NewDate(), "zh", "双方谈到印度尼西亚和几内亚比绍。", [], ["Lula", "Modi"]);

        Assert.Equal(["guinea-bissau", "indonesia"], readout.MentionedTopics.Select(m => m.Slug).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("tr", "Mali konular ve ekonomik işbirliği görüşüldü.", "mali")]
    [InlineData("en", "They ate turkey and counted every hanging chad.", "turkiye")]
    [InlineData("en", "They ate turkey and counted every hanging chad.", "chad")]
    [InlineData("ru", "После того как стороны обменялись мнениями, разговор закончился.", "togo")]
    public async Task An_ordinary_word_of_a_language_is_not_taken_for_the_country_it_spells(string language, string body, string country)
    {
        var readout = await PostAsync(await client.NewSourceAsync(), TestData.NewDate(), language, body, [], ["Lula", "Modi"]);

        Assert.DoesNotContain(readout.MentionedTopics, m => m.Slug == country);
    }

    [Theory]
    [InlineData("fr", "La situation au Mali a été évoquée.", "mali", "Mali")]
    [InlineData("en", "Turkey's proposals and Chad's position were discussed.", "turkiye", "Turkey's")]
    [InlineData("en", "Turkey's proposals and Chad's position were discussed.", "chad", "Chad's")]
    public async Task The_same_names_written_as_names_are_found(string language, string body, string country, string words)
    {
        var readout = await PostAsync(await client.NewSourceAsync(), TestData.NewDate(), language, body, [], ["Lula", "Modi"]);

        Assert.Contains(readout.MentionedTopics, m => m.Slug == country && m.Words.SequenceEqual([words]));
    }

    [Fact]
    public async Task Names_alike_in_spelling_or_transliteration_stay_different_subjects()
    {
        string[] labels = ["Iran", "Iraq", "Austria", "Australia", "Niger", "Nigeria", "Slovakia", "Slovenia", "Guinea", "Guinea-Bissau"];

        var readout = await PostAsync(await client.NewSourceAsync(), TestData.NewDate(), "en", "The leaders spoke.", labels, ["Lula", "Modi"]);

        Assert.Equal(
            ["australia", "austria", "guinea", "guinea-bissau", "iran", "iraq", "niger", "nigeria", "slovakia", "slovenia"],
            readout.Topics.Select(t => t.Slug).Order(StringComparer.Ordinal));
        Assert.All(readout.Topics, t => Assert.Equal("country", t.Kind));
    }

    [Fact]
    public async Task Names_alike_stay_apart_in_running_text_too()
    {
        var russian = await PostAsync(await client.NewSourceAsync(), TestData.NewDate(), "ru",
            "Обсудили положение в Нигерии, в Словакии и в Австрии. Гвинея-Бисау подписала соглашение.", [], ["Lula", "Modi"]);

        Assert.Equal(["austria", "guinea-bissau", "nigeria", "slovakia"], russian.MentionedTopics.Select(m => m.Slug).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Georgia_is_one_subject_in_every_language()
    {
        string[] labels = ["Georgia", "Грузия", "Gürcistan", "格鲁吉亚", "ジョージア", "Géorgie", "Georgien", "조지아"];

        var readout = await PostAsync(await client.NewSourceAsync(), TestData.NewDate(), "en", "The leaders spoke.", labels, ["Lula", "Modi"]);

        var georgia = Assert.Single(readout.Topics);
        Assert.Equal(("georgia", "country"), (georgia.Slug, georgia.Kind));
    }

    [Fact]
    public async Task The_countries_of_the_calls_own_leaders_are_not_mentions_but_count_when_a_side_labels_them()
    {
        var source = await client.NewSourceAsync();
        var readout = await PostAsync(source, TestData.NewDate(), "tr",
            "Türkiye ile Rusya arasındaki ilişkiler ve Ukrayna'daki durum görüşüldü.", ["Rusya"], ["Erdoğan", "Putin"]);

        Assert.Equal(["ukraine"], readout.MentionedTopics.Select(m => m.Slug));
        Assert.Equal(["russia"], readout.Topics.Select(t => t.Slug));
    }

    [Theory]
    [InlineData("ru", "Украине")]
    [InlineData("tr", "Ukrayna'nın")]
    [InlineData("en", "ukraine")]
    [InlineData("en", "UKRAINE!")]
    [InlineData("zh", "乌克兰")]
    public async Task A_label_resolves_by_its_folded_name_its_slug_or_its_stems_in_the_readouts_language(string language, string label)
    {
        var readout = await PostAsync(await client.NewSourceAsync(), TestData.NewDate(), language, "…", [label], ["Lula", "Modi"]);

        Assert.Equal(["ukraine"], readout.Topics.Select(t => t.Slug));
    }

    [Fact]
    public async Task A_label_that_matches_no_subject_becomes_a_topic_of_its_own_and_two_spellings_of_it_are_one()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];

        var readout = await PostAsync(await client.NewSourceAsync(), TestData.NewDate(), "en", "…", [$"Alaska summit {suffix}", $"ALASKA Summit! {suffix}"], ["Lula", "Modi"]);

        var topic = Assert.Single(readout.Topics);
        Assert.Equal(($"alaska-summit-{suffix}", "other"), (topic.Slug, topic.Kind));
    }

    [Fact]
    public async Task A_chinese_readout_may_name_leaders_in_chinese_and_the_registry_knows_them_by_their_wikidata_ids()
    {
        var readout = await PostAsync(await client.NewSourceAsync(), TestData.NewDate(), "zh", "通电话。", [], ["特朗普", "普京"]);

        Assert.Equal(["donald-trump", "vladimir-putin"], readout.Leaders.Select(l => l.Slug));
        var trump = await client.GetJsonAsync<LeaderResponse>("/api/leaders/donald-trump");
        Assert.Equal("Q22686", trump.Wikidata);
        Assert.Contains("特朗普", trump.Aliases);
        Assert.Contains("トランプ", trump.Aliases);
        Assert.Contains("트럼프", trump.Aliases);
        Assert.Contains("ترامب", trump.Aliases);
    }

    [Fact]
    public async Task A_correction_finds_the_subjects_of_its_new_text_and_drops_those_of_the_old()
    {
        var source = await client.NewSourceAsync();
        var posted = await PostAsync(source, TestData.NewDate(), "en", "They discussed Ukraine.", [], ["Lula", "Modi"]);
        var etag = await client.ETagOfAsync($"/api/readouts/{posted.Id}");

        var corrected = TestData.Readout(source, posted.CallDate, "Lula", "Modi") with { Url = posted.Url, Title = posted.Title, Body = "They discussed the Middle East.", Topics = [] };
        await (await client.PutReadoutAsync(posted.Id, corrected, etag)).ShouldHaveStatusAsync(HttpStatusCode.OK);

        var readout = await client.GetJsonAsync<ReadoutResponse>($"/api/readouts/{posted.Id}");
        Assert.Equal(["middle-east"], readout.MentionedTopics.Select(m => m.Slug));
        var calls = await client.GetJsonAsync<Page<CallSummary>>($"/api/calls?topic=ukraine&from={posted.CallDate:yyyy-MM-dd}&to={posted.CallDate:yyyy-MM-dd}");
        Assert.DoesNotContain(calls.Items, c => c.Id == posted.CallId);
    }
}
