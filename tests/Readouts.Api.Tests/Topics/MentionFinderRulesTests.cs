using Readouts.Api.Topics;

namespace Readouts.Api.Tests.Topics;

/// <summary>
/// The rules by which a readout's text mentions a subject, without a database: each name's stems
/// are given here as PostgreSQL's configuration for the language gives them (checked against the
/// real stemmers in SubjectsAcrossLanguagesTests).
/// </summary>
public sealed class MentionFinderRulesTests
{
    private const int Germany = 13, Ukraine = 1, Niger = 2, Nigeria = 3, Guinea = 4, GuineaBissau = 5, Us = 6, Chad = 7, Bosnia = 8, MiddleEast = 9, Togo = 10, India = 11, Indonesia = 12;

    /// <summary>A name of a subject, its words stemmed as listed ("" for a stop word).</summary>
    private static AliasForm Name(int topic, string text, string[] lexemes, bool cased = false)
    {
        var written = Words.Split(text).Select(w => text.Substring(w.Start, w.Length)).ToArray();
        return new AliasForm(topic, text, written, written.Select(w => Words.Lower(w)).ToArray(), lexemes, cased);
    }

    /// <summary>A stemmer that knows these words (lowered) and no others.</summary>
    private static Func<string, string?> Stems(params (string Word, string Lexeme)[] words)
    {
        var known = words.ToDictionary(w => w.Word, w => w.Lexeme);
        return w => known.GetValueOrDefault(w);
    }

    private static Dictionary<int, List<string>> Found(LanguageAliases aliases, string text, Func<string, string?> stems, params int[] excluded) =>
        MentionFinder.FindAll(aliases, [text], stems, excluded.ToHashSet());

    [Fact]
    public void A_name_is_found_in_any_inflection_its_language_stems_alike()
    {
        var russian = new LanguageAliases("ru", [Name(Ukraine, "Украина", ["украин"])]);

        var found = Found(russian, "Обсудили ситуацию вокруг Украины и помощь Украине.", Stems(("украины", "украин"), ("украине", "украин")));

        Assert.Equal(["Украины", "Украине"], found[Ukraine]);
    }

    [Fact]
    public void The_words_found_keep_the_endings_an_apostrophe_joins_to_them()
    {
        var turkish = new LanguageAliases("tr", [Name(Ukraine, "Ukrayna", ["ukrayna"])]);

        var found = Found(turkish, "Ukrayna'daki durum görüşüldü.", Stems(("ukrayna", "ukrayna")));

        Assert.Equal(["Ukrayna'daki"], found[Ukraine]);
    }

    [Fact]
    public void A_name_of_several_words_is_found_word_by_word_with_its_stop_words_as_written()
    {
        var russian = new LanguageAliases("ru", [Name(MiddleEast, "Ближний Восток", ["ближн", "восток"])]);
        var english = new LanguageAliases("en", [Name(Bosnia, "Bosnia and Herzegovina", ["bosnia", "", "herzegovina"])]);

        Assert.Equal(["Ближнем Востоке"], Found(russian, "Ситуация на Ближнем Востоке.", Stems(("ближнем", "ближн"), ("востоке", "восток")))[MiddleEast]);
        Assert.Empty(Found(russian, "на Востоке Ближнем", Stems(("ближнем", "ближн"), ("востоке", "восток"))));
        Assert.Equal(["Bosnia and Herzegovina"], Found(english, "Bosnia and Herzegovina joined.", Stems(("bosnia", "bosnia"), ("herzegovina", "herzegovina")))[Bosnia]);
        Assert.Empty(Found(english, "Bosnia or Herzegovina", Stems(("bosnia", "bosnia"), ("herzegovina", "herzegovina"))));
    }

    [Fact]
    public void Where_names_overlap_the_longest_wins()
    {
        var english = new LanguageAliases("en", [Name(Guinea, "Guinea", ["guinea"]), Name(GuineaBissau, "Guinea-Bissau", ["guinea", "bissau"])]);
        var stems = Stems(("guinea", "guinea"), ("bissau", "bissau"));

        var found = Found(english, "Guinea-Bissau and Guinea signed.", stems);

        Assert.Equal(["Guinea-Bissau"], found[GuineaBissau]);
        Assert.Equal(["Guinea"], found[Guinea]);
        Assert.DoesNotContain(Guinea, Found(english, "Guinea-Bissau signed.", stems).Keys);
    }

    [Fact]
    public void A_word_that_stems_like_two_subjects_names_the_one_it_shares_the_longest_beginning_with()
    {
        // PostgreSQL's russian configuration stems Нигер and Нигерия, and all their cases, to нигер.
        var russian = new LanguageAliases("ru", [Name(Niger, "Нигер", ["нигер"]), Name(Nigeria, "Нигерия", ["нигер"])]);
        var stems = Stems(("нигер", "нигер"), ("нигерия", "нигер"), ("нигерии", "нигер"), ("нигера", "нигер"));

        Assert.Equal([Nigeria], Found(russian, "в Нигерии", stems).Keys);
        Assert.Equal([Nigeria], Found(russian, "Нигерия", stems).Keys);
        Assert.Equal([Niger], Found(russian, "Нигер", stems).Keys);
        Assert.Equal([Niger], Found(russian, "из Нигера", stems).Keys);
    }

    [Fact]
    public void A_name_in_capitals_or_marked_cased_is_found_only_as_written()
    {
        var english = new LanguageAliases("en", [Name(Us, "US", ["us"], cased: true), Name(Chad, "Chad", ["chad"], cased: true)]);
        var stems = Stems(("us", "us"), ("chad", "chad"));

        Assert.Equal(["US"], Found(english, "The US proposals", stems)[Us]);
        Assert.Empty(Found(english, "He told us about chad.", stems));
        Assert.Equal(["Chad's"], Found(english, "Chad's president", stems)[Chad]);
    }

    [Fact]
    public void A_name_of_stop_words_only_is_found_only_as_written()
    {
        // Того (Togo) is a stop word of the russian configuration ("of that").
        var russian = new LanguageAliases("ru", [Name(Togo, "Того", [""])]);

        Assert.Equal(["Того"], Found(russian, "Президент Того", Stems(("того", "")))[Togo]);
        Assert.Empty(Found(russian, "после того как", Stems(("того", ""))));
    }

    [Fact]
    public void In_chinese_a_name_is_found_inside_the_text_the_longest_first()
    {
        var chinese = new LanguageAliases("zh", [Name(Ukraine, "乌克兰", []), Name(India, "印度", []), Name(Indonesia, "印度尼西亚", [])]);

        var found = Found(chinese, "双方就乌克兰局势交换意见，并谈到印度尼西亚和印度。", Stems());

        Assert.Equal(["乌克兰"], found[Ukraine]);
        Assert.Equal(["印度尼西亚"], found[Indonesia]);
        Assert.Equal(["印度"], found[India]);
    }

    [Fact]
    public void In_korean_a_name_may_be_followed_by_its_particles()
    {
        // Korean has no stemmer in PostgreSQL: its words are their own lexemes ('simple').
        var korean = new LanguageAliases("ko", [Name(Ukraine, "우크라이나", ["우크라이나"])]);

        Assert.Equal(["우크라이나의"], Found(korean, "우크라이나의 상황", Stems())[Ukraine]);
    }

    [Fact]
    public void The_countries_of_the_calls_own_leaders_are_not_mentions()
    {
        var english = new LanguageAliases("en", [Name(Ukraine, "Ukraine", ["ukrain"]), Name(Us, "US", ["us"], cased: true)]);

        var found = Found(english, "The US and Ukraine", Stems(("ukraine", "ukrain")), excluded: Us);

        Assert.Equal([Ukraine], found.Keys);
    }

    [Fact]
    public void A_word_is_worth_stemming_only_when_it_holds_the_beginning_of_a_names_word()
    {
        var english = new LanguageAliases("en", [Name(Germany, "Germany", ["germani"])]);

        Assert.Equal(["germany", "germany"], MentionFinder.WordsToStem(english, ["Germany's position", "in Germany and Ukraine"]));
        Assert.Equal("german", MentionFinder.CandidateKey("germany", "germani"));
        Assert.Equal("ukrain", MentionFinder.CandidateKey("ukraine", "ukrain"));
        Assert.Equal("österreich", MentionFinder.CandidateKey("österreich", "osterreich"));
    }

    [Theory]
    [InlineData("NATO", true)]
    [InlineData("ООН", true)]
    [InlineData("G7", true)]
    [InlineData("U.S.", true)]
    [InlineData("Nato", false)]
    [InlineData("乌克兰", false)]
    [InlineData("A", false)]
    public void A_name_is_written_in_capitals_when_it_has_two_capitals_or_one_and_a_digit_and_no_small_letters(string name, bool capitals) =>
        Assert.Equal(capitals, MentionFinder.IsWrittenInCapitals(name));

    [Fact]
    public void A_statement_names_a_subject_when_it_holds_the_words_found_as_whole_words()
    {
        Assert.True(MentionFinder.Names("Ukrayna'daki durum", "Ukrayna'daki"));
        Assert.False(MentionFinder.Names("USAID budget", "US"));
        Assert.True(MentionFinder.Names("关于乌克兰局势", "乌克兰"));
    }
}
