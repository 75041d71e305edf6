using Readouts.Api.Infrastructure;
using Readouts.Api.Topics;

namespace Readouts.Api.Tests.Topics;

/// <summary>
/// The rules by which a topic label resolves to a subject, without a database: the stems are given
/// as PostgreSQL's configurations give them (checked against the real ones in SubjectsAcrossLanguagesTests).
/// </summary>
public sealed class TopicResolverRulesTests
{
    private const int Ukraine = 1, Niger = 2, Nigeria = 3, Iran = 4, Iraq = 5;

    private static readonly SubjectIndex Index = Build();

    private static AliasForm Name(int topic, string text, params string[] lexemes)
    {
        var written = Words.Split(text).Select(w => text.Substring(w.Start, w.Length)).ToArray();
        return new AliasForm(topic, text, written, written.Select(w => Words.Lower(w)).ToArray(), lexemes, false);
    }

    private static SubjectIndex Build()
    {
        var topics = new Dictionary<int, TopicInfo>
        {
            [Ukraine] = new(Ukraine, "ukraine", "Ukraine", TopicKind.Country, "UA"),
            [Niger] = new(Niger, "niger", "Niger", TopicKind.Country, "NE"),
            [Nigeria] = new(Nigeria, "nigeria", "Nigeria", TopicKind.Country, "NG"),
            [Iran] = new(Iran, "iran", "Iran", TopicKind.Country, "IR"),
            [Iraq] = new(Iraq, "iraq", "Iraq", TopicKind.Country, "IQ"),
        };
        string[] names = ["Ukraine", "Украина", "Ukrayna", "乌克兰", "Niger", "Нигер", "Nigeria", "Нигерия", "Iran", "Iraq"];
        var byKey = names.ToDictionary(NameKey.Fold, n => n switch
        {
            "Ukraine" or "Украина" or "Ukrayna" or "乌克兰" => Ukraine,
            "Niger" or "Нигер" => Niger,
            "Nigeria" or "Нигерия" => Nigeria,
            "Iran" => Iran,
            _ => Iraq,
        });
        var bySlug = topics.Values.ToDictionary(t => t.Slug, t => t.Id);
        bySlug["ukraina"] = Ukraine;
        var languages = new Dictionary<string, LanguageAliases>
        {
            ["ru"] = new("ru", [Name(Ukraine, "Украина", "украин"), Name(Niger, "Нигер", "нигер"), Name(Nigeria, "Нигерия", "нигер")]),
            ["tr"] = new("tr", [Name(Ukraine, "Ukrayna", "ukrayna")]),
            ["en"] = new("en", [Name(Iran, "Iran", "iran"), Name(Iraq, "Iraq", "iraq")]),
        };
        return new SubjectIndex(topics, byKey, bySlug, languages);
    }

    private static Func<string, string, string?> Stems(params (string Config, string Word, string Lexeme)[] words)
    {
        var known = words.ToDictionary(w => (w.Config, w.Word), w => w.Lexeme);
        return (config, word) => known.GetValueOrDefault((config, word));
    }

    [Theory]
    [InlineData("Украина")]
    [InlineData("UKRAINE")]
    [InlineData("  ukraine! ")]
    [InlineData("Ukrayna")]
    [InlineData("乌克兰")]
    public void A_label_equal_to_a_name_once_folded_is_its_subject(string label) =>
        Assert.Equal(Ukraine, TopicResolver.ByName(Index, label));

    [Fact]
    public void A_label_written_as_a_slug_is_the_topic_with_that_slug_or_the_one_it_was_merged_into()
    {
        Assert.Equal(Ukraine, TopicResolver.ByName(Index, "ukraine"));
        Assert.Equal(Ukraine, TopicResolver.ByName(Index, "ukraina"));
        Assert.Null(TopicResolver.ByName(Index, "Ukraina"));
    }

    [Fact]
    public void A_label_whose_words_stem_like_a_names_in_the_readouts_language_is_its_subject()
    {
        var stems = Stems(("russian", "украине", "украин"), ("turkish", "ukrayna'nın", "ukrayna"), ("turkish", "ukrayna", "ukrayna"), ("turkish", "nın", "nın"));

        Assert.Equal(Ukraine, TopicResolver.ByStems(Index, "Украине", "ru", stems));
        Assert.Null(TopicResolver.ByStems(Index, "Украине", "tr", stems));
        Assert.Equal(Ukraine, TopicResolver.ByStems(Index, "Украине", null, stems));
    }

    [Fact]
    public void Where_stems_fit_two_subjects_the_name_sharing_the_longest_beginning_wins()
    {
        var stems = Stems(("russian", "нигерии", "нигер"), ("russian", "нигера", "нигер"));

        Assert.Equal(Nigeria, TopicResolver.ByStems(Index, "Нигерии", "ru", stems));
        Assert.Equal(Niger, TopicResolver.ByStems(Index, "Нигера", "ru", stems));
    }

    [Theory]
    [InlineData("Irak")]
    [InlineData("Iraqi")]
    [InlineData("Irano")]
    public void Likeness_or_transliteration_alone_never_resolves_a_label(string label)
    {
        var stems = Stems(("english", "irak", "irak"), ("english", "iraqi", "iraqi"), ("english", "irano", "irano"));

        Assert.Null(TopicResolver.ByName(Index, label));
        Assert.Null(TopicResolver.ByStems(Index, label, "en", stems));
    }

    [Fact]
    public void A_label_that_resolves_to_nothing_is_left_for_a_topic_of_its_own() =>
        Assert.Null(TopicResolver.ByName(Index, "US peace proposals") ?? TopicResolver.ByStems(Index, "US peace proposals", "en", Stems()));

    [Fact]
    public void Only_a_label_written_entirely_as_a_slug_is_looked_up_by_slug()
    {
        Assert.Equal("ukraina", TopicResolver.SlugOf("ukraina"));
        Assert.Null(TopicResolver.SlugOf("Ukraina"));
        Assert.Null(TopicResolver.SlugOf("украина"));
    }
}
